import { TooManyFeaturesError } from './buffer';

/** The translate function the panel's sections pass in. */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The text shown for a failed analysis run: too many features explained in the UI language, other errors as they are. */
export function analysisErrorText(e: unknown, t: Translate): string {
  if (e instanceof TooManyFeaturesError) return t('planner.analysis.tooMany', { count: e.count, limit: e.limit });
  return t('planner.analysis.failed', { message: e instanceof Error ? e.message : String(e) });
}
