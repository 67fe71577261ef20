import type { LayerInfo, TemporalHint } from '@shared/layers';
import type { ExpressionSpecification } from 'maplibre-gl';

/** A temporal hint with a status part. */
export type StatusTemporal = TemporalHint & { status: NonNullable<TemporalHint['status']> };

/** The day after a date (`YYYY-MM-DD`): dated values before it happened on or before the date, also date-times. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const dateOf = (key: string): ExpressionSpecification => ['to-string', ['coalesce', ['get', key], '']];

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/**
 * A feature's status as of the end of a date, by a layer's temporal hint: before its start date the
 * hint's `before` status, from the start until its completion date the `during` status, else the
 * stored one (also when a date is missing). Undefined when the layer has no status hint.
 */
export function asOfStatus(hint: TemporalHint | undefined, properties: Record<string, unknown>, date: string): string | undefined {
  if (!hint?.status) return undefined;
  const limit = nextDay(date);
  const start = text(properties[hint.start]);
  const end = hint.end ? text(properties[hint.end]) : '';
  if (start >= limit) return hint.status.before;
  if (start !== '' && end >= limit) return hint.status.during;
  const stored = properties[hint.status.property];
  return stored === undefined || stored === null ? undefined : String(stored);
}

/** The MapLibre expression of `asOfStatus` (same rule, evaluated per feature on the map). */
export function asOfStatusExpression(hint: StatusTemporal, date: string): ExpressionSpecification {
  const limit = nextDay(date);
  const start = dateOf(hint.start);
  const during: unknown[] = hint.end ? [['all', ['!=', start, ''], ['>=', dateOf(hint.end), limit]], hint.status.during] : [];
  return ['case', ['>=', start, limit], hint.status.before, ...during, ['get', hint.status.property]] as ExpressionSpecification;
}

/** The filter that keeps features whose start date is on or before a date (undated features stay). */
export function startedFilter(hint: TemporalHint, date: string): ExpressionSpecification {
  return ['<', dateOf(hint.start), nextDay(date)];
}

/** Whether a layer's features are re-coloured by their status as of a date rather than hidden until they start. */
export function hasStatusHint(layer: Pick<LayerInfo, 'temporal'>): layer is { temporal: StatusTemporal } {
  return layer.temporal?.status !== undefined;
}

/** The filter each dated layer gets at a date: hides features not started yet (layers with a status hint are re-coloured instead). */
export function timelineFilters(layers: readonly Pick<LayerInfo, 'id' | 'temporal'>[], date: string | null): Record<string, ExpressionSpecification> {
  if (!date) return {};
  const out: Record<string, ExpressionSpecification> = {};
  for (const layer of layers) if (layer.temporal && !hasStatusHint(layer)) out[layer.id] = startedFilter(layer.temporal, date);
  return out;
}

/** Both filters of a layer `all`-ed, or the one that is there. */
export function combineFilters(a: ExpressionSpecification | undefined, b: ExpressionSpecification | undefined): ExpressionSpecification | undefined {
  if (a && b) return ['all', a, b];
  return a ?? b;
}

/** A paint value with every `['get', property]` in it replaced (e.g. the status by the status as of a date). */
export function replaceGet(value: unknown, property: string, replacement: ExpressionSpecification): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length === 2 && value[0] === 'get' && value[1] === property) return replacement;
  return value.map((item) => replaceGet(item, property, replacement));
}

/** First and last day of the dated layers' features (`YYYY-MM-DD`); an open end runs to `today`. Undefined when nothing is dated. */
export function timelineRange(layers: readonly Pick<LayerInfo, 'temporal' | 'interval'>[], today: string): { min: string; max: string } | undefined {
  let min: string | undefined;
  let max: string | undefined;
  for (const layer of layers) {
    if (!layer.temporal || !layer.interval?.[0]) continue;
    const start = layer.interval[0].slice(0, 10);
    const end = (layer.interval[1] ?? `${today}`).slice(0, 10);
    if (!min || start < min) min = start;
    if (!max || end > max) max = end;
  }
  return min && max ? { min, max: max < min ? min : max } : undefined;
}

/** The slider's stops: the first day of every month from `min`'s month on, then `max` itself. */
export function monthSteps(min: string, max: string): string[] {
  const steps: string[] = [];
  let year = Number(min.slice(0, 4));
  let month = Number(min.slice(5, 7));
  for (;;) {
    const first = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
    if (first > max) break;
    steps.push(first);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  if (steps.at(-1) !== max) steps.push(max);
  return steps;
}

/** The index of the last stop on or before a date (0 when the date is before all). */
export function stepIndex(steps: readonly string[], date: string): number {
  let index = 0;
  steps.forEach((step, i) => {
    if (step <= date) index = i;
  });
  return index;
}

/** The planner's filter expressions per layer with each dated layer's timeline filter `all`-ed in. */
export function withTimelineFilters(
  planner: Readonly<Record<string, ExpressionSpecification | undefined>>,
  layers: readonly Pick<LayerInfo, 'id' | 'temporal'>[],
  date: string | null,
): Record<string, ExpressionSpecification | undefined> {
  const dated = timelineFilters(layers, date);
  const ids = new Set([...Object.keys(planner), ...Object.keys(dated)]);
  return Object.fromEntries([...ids].map((id) => [id, combineFilters(planner[id], dated[id])]));
}
