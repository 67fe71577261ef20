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

function kindOf(schema: PropertySchema | undefined): DetailRow['kind'] {
  if (schema?.enum) return 'badge';
  return schema?.['x-long-text'] ? 'long' : 'text';
}

/**
 * Every schema property of a feature, formatted (dates, units such as m² and 万元, enum labels,
 * yes/no), in schema order; names and empty values are left out, as are `_en` twins of long text
 * in the other language.
 */
export function detailRows(layer: Pick<LayerInfo, 'schema' | 'labelProperty'>, properties: Record<string, unknown>, locale: AppLocale, labels: FormatLabels): DetailRow[] {
  const skip = new Set(['name', 'name_en']);
  if (layer.labelProperty) skip.add(layer.labelProperty).add(`${layer.labelProperty}_en`);
  const rows: DetailRow[] = [];
  for (const [key, schema] of Object.entries(layer.schema.properties)) {
    if (skip.has(key)) continue;
    const raw = properties[key];
    if (raw === null || raw === undefined || raw === '') continue;
    const value = schema.format === 'date' ? formatDate(raw, locale) : formatPropertyValue(raw, schema, locale, labels);
    if (value === undefined) continue;
    const kind = kindOf(schema);
    rows.push({ key, title: propertyTitle(key, schema, locale), value, kind, ...(kind === 'badge' ? { raw: String(raw) } : {}) });
  }
  return rows;
}
