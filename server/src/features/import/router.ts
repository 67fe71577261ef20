import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import { IMPORT_LIMITS, importFields } from '../../contracts/import';
import { BadRequestError, HttpError } from '../../errors';
import { parseBody } from '../../validation';
import type { ImportService } from './import-service';

const upload = multer({
  storage: multer.memoryStorage(),
  defParamCharset: 'utf8',
  limits: { fileSize: IMPORT_LIMITS.maxBytes, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 },
}).single('file');

function uploadError(err: unknown): HttpError {
  if (!(err instanceof multer.MulterError)) return err instanceof HttpError ? err : new BadRequestError(`bad multipart body: ${(err as Error).message}`);
  if (err.code === 'LIMIT_FILE_SIZE') return new HttpError(413, 'payload_too_large', `an import file may have at most ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB`);
  if (err.code === 'LIMIT_UNEXPECTED_FILE') return new BadRequestError(`send one file in the multipart field "file" (got "${err.field ?? ''}")`);
  return new BadRequestError(`bad multipart body: ${err.message}`);
}

/** Parses a multipart body's one file (up to the import size limit) into memory; other bodies pass untouched. */
const importUpload: RequestHandler = (req, res, next) => {
  upload(req, res, (err?: unknown) => next(err ? uploadError(err) : undefined));
};

/**
 * `POST /api/layers/:layerId/import`: a GeoJSON or CSV file in the multipart field `file`
 * (up to 10 MB), or its `text` in a JSON body (up to the app's 1 MB), with `crs`, `format`,
 * `dryRun` and `onlyValid`. Answers the report: 200 for a dry run, 201 when stored, 422
 * `invalid_features` (the report in `details`) when invalid features refused the commit.
 */
export function createImportRouter(imports: ImportService): Router {
  const router = Router();
  router.post('/:layerId/import', importUpload, (req, res) => {
    const fields = parseBody(importFields, { ...req.body });
    const content = req.file?.buffer ?? fields.text;
    if (content === undefined) throw new BadRequestError('send the file in the multipart field "file" (or its "text" in a JSON body)');
    const user = req.user!;
    const report = imports.run({
      layerId: String(req.params.layerId), content, fileName: fields.fileName ?? req.file?.originalname,
      format: fields.format, crs: fields.crs, dryRun: fields.dryRun, onlyValid: fields.onlyValid,
    }, { id: user.id, username: user.username });
    if (!report.dryRun && !report.committed) {
      const why = report.totals.valid === 0 ? 'no feature is valid' : `${report.totals.invalid} of ${report.totals.features} features are invalid (import only the valid ones with onlyValid)`;
      throw new HttpError(422, 'invalid_features', `nothing was imported: ${why}`, report);
    }
    res.status(report.committed ? 201 : 200).json(report);
  });
  return router;
}
