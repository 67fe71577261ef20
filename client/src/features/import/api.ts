import type { ImportCrs, ImportReport } from '@shared/import';
import { IMPORT_CRS, IMPORT_LIMITS } from '@shared/upload-limits';
import { HttpError, requestJson, type FetchLike } from '../../api/http';

/** Largest file the server takes (its `IMPORT_LIMITS.maxBytes`); checked before uploading. */
export const MAX_IMPORT_BYTES = IMPORT_LIMITS.maxBytes;

/** The coordinate systems offered, in the server's order (`IMPORT_CRS`). */
export const CRS_OPTIONS = IMPORT_CRS;

/** What one import request sends besides the file. */
export interface ImportOptions {
  crs: ImportCrs;
  dryRun: boolean;
  onlyValid?: boolean;
}

/** The report inside a refused commit (422 `invalid_features`), if the error is one. */
export function refusedReport(error: unknown): ImportReport | undefined {
  if (!(error instanceof HttpError) || error.status !== 422 || error.code !== 'invalid_features') return undefined;
  const details = error.details as ImportReport | undefined;
  return details && Array.isArray(details.features) ? details : undefined;
}

/**
 * `POST /api/layers/{layerId}/import` with the file as multipart: the server's report of every
 * feature (a dry run, or what was stored). A refused commit is an `HttpError` 422 whose details
 * hold the report (see `refusedReport`).
 */
export function postImport(fetch: FetchLike, layerId: string, file: Blob, fileName: string, options: ImportOptions): Promise<ImportReport> {
  const body = new FormData();
  body.append('crs', options.crs);
  body.append('dryRun', String(options.dryRun));
  body.append('onlyValid', String(options.onlyValid ?? false));
  body.append('fileName', fileName);
  body.append('file', file, fileName);
  return requestJson<ImportReport>(`/api/layers/${encodeURIComponent(layerId)}/import`, { fetch, method: 'POST', body, cache: 'no-store' });
}
