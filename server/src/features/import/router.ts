import fs from 'node:fs';
import { Router } from 'express';
import { importFields } from '@shared/import';
import { BadRequestError } from '../../errors';
import { parseBody } from '../../validation';
import type { Uploads } from '../photos';
import type { ImportService } from './import-service';
import { sendReport } from './send-report';
import { createSlicer } from './slicer';

/**
 * `POST /api/layers/:layerId/import`: a GeoJSON or CSV file in the multipart field `file`
 * (up to 10 MB, kept on disk until read), or its `text` in a JSON body (up to the app's 1 MB),
 * with `crs`, `format`, `dryRun` and `onlyValid`. Imports run one at a time (503 + Retry-After
 * when too many wait). Answers the report: 200 for a dry run, 201 when stored, 422
 * `invalid_features` (the report in `details`) when invalid features refused the commit.
 */
export function createImportRouter(imports: ImportService, uploads: Uploads): Router {
  const router = Router();
  router.post('/:layerId/import', uploads.importFile(async (req, res) => {
    const fields = parseBody(importFields, { ...req.body });
    const content = req.file ? await fs.promises.readFile(req.file.path) : fields.text;
    if (content === undefined) throw new BadRequestError('send the file in the multipart field "file" (or its "text" in a JSON body)');
    const user = req.user!;
    const report = await imports.run({
      layerId: String(req.params.layerId), content, fileName: fields.fileName ?? req.file?.originalname,
      format: fields.format, crs: fields.crs, dryRun: fields.dryRun, onlyValid: fields.onlyValid,
    }, { id: user.id, username: user.username, role: user.role });
    const slicer = createSlicer();
    if (!report.dryRun && !report.committed) {
      const why = report.totals.valid === 0 ? 'no feature is valid' : `${report.totals.invalid} of ${report.totals.features} features are invalid (import only the valid ones with onlyValid)`;
      await sendReport(res, 422, report, slicer, { code: 'invalid_features', message: `nothing was imported: ${why}` });
      return;
    }
    await sendReport(res, report.committed ? 201 : 200, report, slicer);
  }));
  return router;
}
