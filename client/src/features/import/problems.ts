import type { ImportNote, ImportProblem } from '@shared/import';
import type { LayerSchema } from '@shared/layers';
import type { AppLocale } from '../../i18n/locale';
import { propertyTitle } from '../layers';

/** The translation functions a problem's text needs (vue-i18n's `t` and `te`). */
export interface ProblemTranslator {
  t: (key: string, values?: Record<string, unknown>) => string;
  te: (key: string) => boolean;
}

const P = 'importProblems';

/** The field a problem concerns, by the layer schema's title in the user's language ("名称" for `name`), or the geometry. */
export function problemField(p: ImportProblem, schema: LayerSchema, locale: AppLocale, i18n: ProblemTranslator): string {
  const key = p.field ?? /^properties\.([^.]+)/.exec(p.path)?.[1];
  if (key && key in schema.properties) return propertyTitle(key, schema.properties[key], locale);
  if (key === 'geometry' || p.path.startsWith('geometry')) return i18n.t(`${P}.geometry`);
  return key ?? p.path;
}

/** Translates a parameter value where the messages know it (a JSON type, a format, an enum value's label, a CRS). */
function params(p: ImportProblem, schema: LayerSchema, locale: AppLocale, i18n: ProblemTranslator): Record<string, unknown> {
  const out: Record<string, unknown> = { ...p.params };
  const known = (key: string, fallback: string) => (i18n.te(key) ? i18n.t(key) : fallback);
  if (typeof out.type === 'string') out.type = out.type.split(',').map((t) => known(`${P}.types.${t}`, t)).join(locale === 'en' ? ' or ' : '或');
  if (typeof out.format === 'string') out.format = known(`${P}.formats.${out.format}`, out.format);
  if (typeof out.crs === 'string') out.crs = known(`planner.import.crsOptions.${out.crs}`, out.crs);
  const labels = p.field ? schema.properties[p.field]?.['x-enum-labels'] : undefined;
  if (typeof out.allowed === 'string' && labels) {
    out.allowed = out.allowed.split(', ').map((v) => labels[v]?.[locale === 'en' ? 'en' : 'zh'] ?? v).join(locale === 'en' ? ', ' : '、');
  }
  for (const k of ['lon', 'lat'] as const) if (typeof out[k] === 'number') out[k] = (out[k] as number).toFixed(6);
  return out;
}

/** A problem's message in the user's language, or the server's English message when its code is unknown here. */
export function problemMessage(p: ImportProblem, schema: LayerSchema, locale: AppLocale, i18n: ProblemTranslator): string {
  const key = `${P}.codes.${p.code ?? ''}`;
  if (!p.code || !i18n.te(key)) return p.message;
  return i18n.t(key, params(p, schema, locale, i18n));
}

/** "名称：必填，文件中缺少该项" / "Name: is required but missing from the file". */
export function problemText(p: ImportProblem, schema: LayerSchema, locale: AppLocale, i18n: ProblemTranslator): string {
  return `${problemField(p, schema, locale, i18n)}${locale === 'en' ? ': ' : '：'}${problemMessage(p, schema, locale, i18n)}`;
}

/** A note about the whole file in the user's language (the English message when its code is unknown here). */
export function noteText(n: ImportNote, i18n: ProblemTranslator): string {
  const key = `${P}.notes.${n.code}`;
  return i18n.te(key) ? i18n.t(key, n.params) : n.message;
}
