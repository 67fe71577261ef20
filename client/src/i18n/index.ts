import { watch } from 'vue';
import { createI18n } from 'vue-i18n';
import { en } from './en';
import { DEFAULT_LOCALE, readStoredLocale, storeLocale, type AppLocale } from './locale';
import { zhCN, type MessageSchema } from './zh-CN';

export { SUPPORTED_LOCALES, type AppLocale } from './locale';

/** Where the locale choice is read from and written to; tests pass their own. */
export interface I18nOptions {
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  document?: Pick<Document, 'documentElement'>;
}

/** Creates the app's vue-i18n instance (composition mode) with the persisted locale. */
export function createAppI18n({ storage = safeLocalStorage(), document = globalThis.document }: I18nOptions = {}) {
  const i18n = createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale: readStoredLocale(storage),
    fallbackLocale: DEFAULT_LOCALE,
    messages: { 'zh-CN': zhCN, en },
  });
  watch(i18n.global.locale, (locale) => {
    storeLocale(storage, locale);
    if (document) document.documentElement.lang = locale;
  }, { immediate: true });
  return i18n;
}

function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
