import type { Response } from 'express';
import type { ImportFeatureReport, ImportReport } from '@shared/import';
import type { ErrorBody } from '../../errors';
import type { Slicer } from './slicer';

/** Text written at once; the report's features are serialised in slices between writes. */
const WRITE_CHARS = 64 * 1024;

/** One feature's entry; a feature nested too deeply to serialise (refused anyway) is reported without its echo. */
function entryJson(entry: ImportFeatureReport): string {
  try {
    return JSON.stringify(entry);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    const { feature: _feature, ...rest } = entry;
    return JSON.stringify(rest);
  }
}

/**
 * Sends an import report as JSON, serialising its per-feature entries in slices (a report at the
 * limits is megabytes of GeoJSON: one `JSON.stringify` would hold the event loop). With `error`,
 * the report goes in an error body's `details`, as the error handler would send it.
 */
export async function sendReport(res: Response, status: number, report: ImportReport, slicer: Slicer, error?: Omit<ErrorBody['error'], 'details'>): Promise<void> {
  const { features, ...rest } = report;
  const head = JSON.stringify(rest);
  const [open, close] = error ? [`{"error":${JSON.stringify(error).slice(0, -1)},"details":`, '}}'] : ['', ''];
  res.status(status).type('application/json');
  let pending = `${open}${head.slice(0, -1)},"features":[`;
  for (const [i, f] of features.entries()) {
    pending += (i ? ',' : '') + entryJson(f);
    if (pending.length >= WRITE_CHARS) {
      res.write(pending);
      pending = '';
    }
    await slicer.pause();
  }
  res.end(`${pending}]}${close}`);
}
