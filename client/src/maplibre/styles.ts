import type { AppLocale } from '../i18n/locale';

/** The styles the server builds: the light console and the dark overview screen. */
export const STYLE_NAMES = ['console', 'overview'] as const;
/** A served style. */
export type StyleName = (typeof STYLE_NAMES)[number];

/** The URL of a served style with its labels in the UI language. */
export function styleUrl(name: StyleName, locale: AppLocale): string {
  return `/styles/${name}.json?lang=${locale === 'en' ? 'en' : 'zh'}`;
}
