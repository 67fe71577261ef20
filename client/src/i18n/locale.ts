/** Locales the console ships, the first being the default. */
export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const;
/** A locale the console ships. */
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];
/** The default locale. */
export const DEFAULT_LOCALE: AppLocale = 'zh-CN';
/** localStorage key of the chosen locale. */
export const LOCALE_STORAGE_KEY = 'qingbo.locale';

/** Narrows an arbitrary string to a shipped locale. */
export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** Reads the persisted locale, falling back to the default when absent, unknown or unreadable. */
export function readStoredLocale(storage: Pick<Storage, 'getItem'> | undefined): AppLocale {
  try {
    const stored = storage?.getItem(LOCALE_STORAGE_KEY);
    return isAppLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** Persists the locale; a storage that refuses writes (private mode, quota) only loses the choice. */
export function storeLocale(storage: Pick<Storage, 'setItem'> | undefined, locale: AppLocale): boolean {
  try {
    storage?.setItem(LOCALE_STORAGE_KEY, locale);
    return storage !== undefined;
  } catch {
    return false;
  }
}
