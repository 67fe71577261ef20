import { watch } from 'vue';
import { createI18n } from 'vue-i18n';
import { areasOf, loadMessageAreas, type MessageTarget } from './areas';
import { DEFAULT_LOCALE, readStoredLocale, storeLocale, type AppLocale } from './locale';
import { zhCN, type CoreMessages, type MessageSchema } from './zh-CN';

export { SUPPORTED_LOCALES, type AppLocale } from './locale';
export { installMessageLoading, loadMessageAreas, type MessageArea } from './areas';

/** Where the locale choice is read from and written to; tests pass their own. */
export interface I18nOptions {
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  document?: Pick<Document, 'documentElement'>;
}

function createTypedI18n() {
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale: DEFAULT_LOCALE,
    fallbackLocale: DEFAULT_LOCALE,
    // the areas join as their pages open (see ./areas.ts)
    messages: { [DEFAULT_LOCALE]: zhCN } as unknown as Record<AppLocale, MessageSchema>,
  });
}

/** The app's vue-i18n instance. */
export type AppI18n = ReturnType<typeof createTypedI18n>;

/** What a locale switch needs of a composer (the global one, from `i18n.global` or `useI18n()`). */
export type LocaleTarget = MessageTarget;

/**
 * Each locale's core messages. The default locale's (also the fallback) ship in the app shell; the others are chunks
 * of their own, fetched when chosen, so a first load carries one language.
 */
const LOADERS: Record<AppLocale, () => Promise<CoreMessages>> = {
  'zh-CN': () => Promise.resolve(zhCN),
  en: async () => (await import('./en')).en,
};

const ready = new WeakMap<object, Promise<void>>();
const wanted = new WeakMap<object, AppLocale>();

/** Fetches a locale's core messages, and those of the areas already in use, into the composer unless it has them. */
export async function loadLocaleMessages(target: LocaleTarget, locale: AppLocale): Promise<void> {
  if (Object.keys(target.getLocaleMessage(locale)).length === 0) {
    const core = await LOADERS[locale]();
    if (Object.keys(target.getLocaleMessage(locale)).length === 0) target.mergeLocaleMessage(locale, core);
  }
  await loadMessageAreas(target, areasOf(target), locale);
}

/**
 * Switches to `locale` once its messages are in: the page never shows a language half loaded. When switches
 * overlap, the last one asked for wins. Rejects (the locale unchanged) when the messages can't be fetched.
 */
export async function setAppLocale(target: LocaleTarget, locale: AppLocale): Promise<void> {
  wanted.set(target, locale);
  await loadLocaleMessages(target, locale);
  if (wanted.get(target) === locale) target.locale.value = locale;
}

/** Settles when the persisted locale of `i18n` is in place (at once for the default locale). */
export function localeReady(i18n: AppI18n): Promise<void> {
  return ready.get(i18n) ?? Promise.resolve();
}

/**
 * Creates the app's vue-i18n instance (composition mode) in the default locale, then switches to the persisted
 * locale as soon as its messages are in (see `localeReady`); every later change is persisted and set on `<html lang>`.
 */
export function createAppI18n({ storage = safeLocalStorage(), document = globalThis.document }: I18nOptions = {}): AppI18n {
  const i18n = createTypedI18n();
  if (document) document.documentElement.lang = DEFAULT_LOCALE;
  watch(i18n.global.locale, (locale) => {
    storeLocale(storage, locale);
    if (document) document.documentElement.lang = locale;
  });
  const stored = readStoredLocale(storage);
  if (stored !== DEFAULT_LOCALE) ready.set(i18n, setAppLocale(i18n.global, stored));
  return i18n;
}

function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
