import type { StatusTemporal } from './asOf';
import { asOfStatus } from './asOf';

/** What the renovation section shows of a project's progress. */
export interface RenovationProgress {
  /** The status as of the slider's date, or the stored one without a date. */
  status: string | undefined;
  /** 0–100, or undefined when neither the data nor the dates tell. */
  pct: number | undefined;
  /** Whether `pct` is estimated from the dates rather than recorded. */
  derived: boolean;
  start: string | undefined;
  end: string | undefined;
}

const DAY_MS = 86_400_000;
const dayOf = (text: string | undefined) => (text ? Date.parse(`${text.slice(0, 10)}T00:00:00Z`) : NaN);
const textOf = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * A renovation project's progress as of a date (or as stored when `date` is null): the recorded
 * `progress_pct` when the date is at or past completion or no date is set; otherwise 0 before the
 * start, the share of the days between start and completion while under construction, 100 once done.
 */
export function renovationProgress(hint: StatusTemporal, properties: Record<string, unknown>, date: string | null, progressKey = 'progress_pct'): RenovationProgress {
  const start = textOf(properties[hint.start]);
  const end = hint.end ? textOf(properties[hint.end]) : undefined;
  const stored = properties[hint.status.property];
  const status = date ? asOfStatus(hint, properties, date) : stored === undefined || stored === null ? undefined : String(stored);
  const recorded = typeof properties[progressKey] === 'number' ? Math.max(0, Math.min(100, properties[progressKey])) : undefined;
  const base = { status, start, end };
  if (status === hint.status.before) return { ...base, pct: 0, derived: date !== null || recorded === undefined };
  if (status === hint.status.during && date) {
    const [from, to, at] = [dayOf(start), dayOf(end), dayOf(date) + DAY_MS];
    if (Number.isNaN(from) || Number.isNaN(to) || to <= from) return { ...base, pct: recorded, derived: false };
    return { ...base, pct: Math.round(Math.max(0, Math.min(1, (at - from) / (to - from))) * 100), derived: true };
  }
  if (recorded !== undefined) return { ...base, pct: recorded, derived: false };
  if (status === 'completed' || status === 'accepted') return { ...base, pct: 100, derived: true };
  return { ...base, pct: undefined, derived: false };
}
