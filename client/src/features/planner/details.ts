import type { LayerInfo, PropertySchema } from '@shared/layers';
import type { AppLocale } from '../../i18n/locale';
import { formatPropertyValue, propertyTitle, type FormatLabels } from '../layers';

/** One formatted property of the details panel. */
export interface DetailRow {
  key: string;
  title: string;
  value: string;
  /** `badge` for enum values (status etc.), `long` for free text, `text` otherwise. */
  kind: 'badge' | 'long' | 'text';
  /** The raw enum value, for a badge's colour. */
  raw?: string;
}

function formatDate(value: unknown, locale: AppLocale): string | undefined {
  const text = String(value);
  const date = new Date(`${text.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return text;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(date);
}

/** The zone the district's times are stated in (cases, deadlines). */
export const DISTRICT_TIME_ZONE = 'Asia/Shanghai';

/** Words around a formatted instant, from the UI strings. */
export interface InstantTexts {
  /** Wraps the district's time, e.g. "{time}（北京时间）". */
  shanghai: (time: string) => string;
  /** Wraps the user's own time when their zone is another, e.g. "本地时间 {time}". */
  local: (time: string) => string;
}

function dateTime(date: Date, locale: AppLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone }).format(date);
}

/**
 * An ISO instant in the user's language as the district's time (Asia/Shanghai), followed by the
 * user's own time when their zone (`userZone`, the browser's by default) differs; the text as it
 * is when it is no instant.
 */
export function formatInstant(value: unknown, locale: AppLocale, texts: InstantTexts, userZone = Intl.DateTimeFormat().resolvedOptions().timeZone): string {
  const text = String(value);
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return text;
  const district = texts.shanghai(dateTime(date, locale, DISTRICT_TIME_ZONE));
  const same = dateTime(date, locale, userZone) === dateTime(date, locale, DISTRICT_TIME_ZONE);
  return same ? district : `${district} · ${texts.local(dateTime(date, locale, userZone))}`;
}

function kindOf(schema: PropertySchema | undefined): DetailRow['kind'] {
  if (schema?.enum) return 'badge';
  return schema?.['x-long-text'] ? 'long' : 'text';
}

/**
 * Every schema property of a feature, formatted (dates, instants as the district's time with
 * `instants`, units such as m² and 万元, enum labels,
 * yes/no), in schema order; names and empty values are left out, and a property with an `_en`
 * twin is one row in the user's language (the Chinese value when the English one is empty).
 */
export function detailRows(layer: Pick<LayerInfo, 'schema' | 'labelProperty'>, properties: Record<string, unknown>, locale: AppLocale, labels: FormatLabels, instants?: InstantTexts): DetailRow[] {
  const skip = new Set(['name', 'name_en']);
  if (layer.labelProperty) skip.add(layer.labelProperty).add(`${layer.labelProperty}_en`);
  const rows: DetailRow[] = [];
  const props = layer.schema.properties;
  for (const [key, schema] of Object.entries(props)) {
    if (skip.has(key)) continue;
    // a property with an English twin (`category` / `category_en`) is one row, in the user's language
    if (key.endsWith('_en') && key.slice(0, -3) in props) continue;
    const twin = `${key}_en` in props && locale === 'en' ? properties[`${key}_en`] : undefined;
    const raw = twin === null || twin === undefined || twin === '' ? properties[key] : twin;
    if (raw === null || raw === undefined || raw === '') continue;
    const value = schema.format === 'date' ? formatDate(raw, locale)
      : schema.format === 'date-time' && instants ? formatInstant(raw, locale, instants)
        : formatPropertyValue(raw, schema, locale, labels);
    if (value === undefined) continue;
    const kind = kindOf(schema);
    rows.push({ key, title: propertyTitle(key, schema, locale), value, kind, ...(kind === 'badge' ? { raw: String(raw) } : {}) });
  }
  return rows;
}
