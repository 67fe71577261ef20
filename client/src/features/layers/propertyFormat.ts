import type { LayerInfo, PropertySchema } from '@shared/layers';
import { formatQuantityText } from '@shared/units';
import type { AppLocale } from '../../i18n/locale';

/** Words the formatter needs from the UI strings. */
export interface FormatLabels {
  yes: string;
  no: string;
}

/** A property's display title: the schema's zh `title` or `x-title-en`, else its key. */
export function propertyTitle(key: string, schema: PropertySchema | undefined, locale: AppLocale): string {
  if (locale === 'en') return schema?.['x-title-en'] ?? schema?.title ?? key;
  return schema?.title ?? schema?.['x-title-en'] ?? key;
}

const CJK = /^[\u3000-\u9fff\uff00-\uffef]/;

/** Formats a property value with its enum label or unit; `undefined` for an empty value. */
export function formatPropertyValue(
  value: unknown,
  schema: PropertySchema | undefined,
  locale: AppLocale,
  labels: FormatLabels,
): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value ? labels.yes : labels.no;
  const enumLabel = schema?.['x-enum-labels']?.[String(value)];
  if (enumLabel) return locale === 'en' ? enumLabel.en : enumLabel.zh;
  const unit = schema?.['x-unit'];
  const text = typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : String(value);
  if (!unit) return text;
  // English never shows a Chinese unit: 248 万元 is ¥2.48 million, 86 户 86 households
  if (locale === 'en' && typeof value === 'number') return formatQuantityText(value, unit, 'en');
  return CJK.test(unit) ? `${text}${unit}` : `${text} ${unit}`;
}

/** One row of a feature's property list. */
export interface PropertyRow {
  key: string;
  title: string;
  value: string;
}

/** The name of a feature in the current locale and the other one, if any. */
export interface FeatureNames {
  primary?: string;
  secondary?: string;
}

/** Picks the feature's name (`name`/`name_en`, else the label property) for the locale. */
export function featureNames(layer: Pick<LayerInfo, 'labelProperty'>, properties: Record<string, unknown>, locale: AppLocale): FeatureNames {
  const text = (v: unknown) => (v === null || v === undefined || v === '' ? undefined : String(v));
  const zh = text(properties.name) ?? (layer.labelProperty ? text(properties[layer.labelProperty]) : undefined);
  const en = text(properties.name_en) ?? (layer.labelProperty ? text(properties[`${layer.labelProperty}_en`]) : undefined);
  const [primary, secondary] = locale === 'en' ? [en ?? zh, en ? zh : undefined] : [zh ?? en, zh ? en : undefined];
  return { primary, secondary: secondary === primary ? undefined : secondary };
}

/** The rows to list for a feature: schema properties in schema order, then unknown ones; names excluded. */
export function propertyRows(
  layer: Pick<LayerInfo, 'schema' | 'labelProperty'>,
  properties: Record<string, unknown>,
  locale: AppLocale,
  labels: FormatLabels,
): PropertyRow[] {
  const skip = new Set(['name', 'name_en']);
  if (layer.labelProperty) skip.add(layer.labelProperty).add(`${layer.labelProperty}_en`);
  const known = Object.keys(layer.schema.properties);
  const keys = [...known, ...Object.keys(properties).filter((k) => !known.includes(k))];
  const rows: PropertyRow[] = [];
  for (const key of keys) {
    if (skip.has(key) || !(key in properties)) continue;
    const schema = layer.schema.properties[key];
    const value = formatPropertyValue(properties[key], schema, locale, labels);
    if (value !== undefined) rows.push({ key, title: propertyTitle(key, schema, locale), value });
  }
  return rows;
}
