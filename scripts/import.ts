import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { IMPORT_CRS, IMPORT_FORMATS, IMPORT_LIMITS, type ImportCrs, type ImportFormat, type ImportReport } from '@shared/import';
import { ConfigError, loadConfig } from '../server/src/config';
import { openDatabase } from '../server/src/db/database';
import { HttpError } from '../server/src/errors';
import { createAuditRepository } from '../server/src/features/audit';
import { createImportService } from '../server/src/features/import';
import { createFeatureRepository, createLayerRepository } from '../server/src/features/layers';
import { isEmpty } from '../server/src/seed/seed';

const USAGE = `Usage: npm run import -- --layer <layer id> [--crs wgs84|gcj02|bd09] [--format geojson|csv] FILE [--dry-run] [--only-valid] [--json]

Imports the features of a GeoJSON (FeatureCollection or Feature) or CSV file into a layer of the
database configured by DATA_DIR / DB_FILE, as the map's import panel does.
  --layer       target layer id (see data/layers.json); read-only layers such as "cases" are refused
  --crs         coordinate system of the file: wgs84 (GPS, default), gcj02 (Amap/Tencent), bd09 (Baidu)
  --format      geojson or csv (default: from the file name, else from its content)
  --dry-run     check and report only, write nothing
  --only-valid  store the valid features even when others are invalid (default: any invalid feature refuses all)
  --json        print the whole report as JSON
CSV: coordinates in lon/lng/longitude/x/经度 and lat/latitude/y/纬度 columns (or a GeoJSON "geometry"
column); the other columns become properties. UTF-8 with or without BOM. At most ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB and ${IMPORT_LIMITS.maxFeatures} features.
Exit status: 0 when the import (or the dry run) found nothing invalid, or stored the valid ones with
--only-valid; 1 when features are invalid or the file cannot be read; 2 for a usage error.`;

function usageError(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function printReport(r: ImportReport, file: string): void {
  const t = r.totals;
  console.log(`${file} → ${r.layerId} (${r.format}, ${r.crs.toUpperCase()} → WGS84)${r.dryRun ? ' [dry run]' : ''}`);
  for (const note of r.notes) console.log(`  note: ${note}`);
  for (const f of r.features) {
    if (f.ok && f.warnings.length === 0) continue;
    const where = f.line === undefined ? `feature ${f.index + 1}` : `line ${f.line}`;
    for (const e of f.errors) console.log(`  ${where}: error   ${e.path}: ${e.message}`);
    for (const w of f.warnings) console.log(`  ${where}: warning ${w.path}: ${w.message}`);
  }
  console.log(`${t.features} features: ${t.valid} valid, ${t.invalid} invalid, ${t.withWarnings} with warnings.`);
  if (r.committed) {
    const ids = r.ids.length === 1 ? `id ${r.ids[0]}` : `ids ${r.ids[0]}–${r.ids[r.ids.length - 1]}`;
    console.log(`Imported ${t.imported} feature${t.imported === 1 ? '' : 's'} (${ids}); layer version ${r.layerVersion}.`);
  }
  else if (r.dryRun) console.log('Dry run: nothing was written.');
  else console.log(`Nothing was imported: ${t.valid === 0 ? 'no feature is valid' : 'fix the invalid features, or pass --only-valid'}.`);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      layer: { type: 'string' }, crs: { type: 'string', default: 'wgs84' }, format: { type: 'string' },
      'dry-run': { type: 'boolean', default: false }, 'only-valid': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (err) {
  usageError((err as Error).message);
}
const { values, positionals } = args;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.layer) usageError('--layer is required');
if (positionals.length !== 1) usageError(positionals.length === 0 ? 'name the file to import' : 'import one file at a time');
if (!(IMPORT_CRS as readonly string[]).includes(values.crs)) usageError(`--crs must be one of ${IMPORT_CRS.join(', ')}`);
if (values.format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(values.format)) usageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
const file = positionals[0]!;
if (!fs.existsSync(file) || !fs.statSync(file).isFile()) usageError(`no such file: ${file}`);
if (fs.statSync(file).size > IMPORT_LIMITS.maxBytes) {
  console.error(`${file} is larger than ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB: split it into smaller files`);
  process.exit(1);
}

try {
  const config = loadConfig();
  if (!fs.existsSync(config.dbFile)) {
    console.error(`Import failed: no database at ${config.dbFile} (run npm run seed first, or set DATA_DIR / DB_FILE)`);
    process.exit(1);
  }
  const db = openDatabase(config.dbFile);
  if (isEmpty(db)) {
    console.error(`Import failed: the database ${config.dbFile} holds no layers (run npm run seed first)`);
    process.exit(1);
  }
  const service = createImportService({ db, layers: createLayerRepository(db), features: createFeatureRepository(db), audit: createAuditRepository(db) });
  const report = await service.run({
    layerId: values.layer, content: fs.readFileSync(file), fileName: path.basename(file),
    format: values.format as ImportFormat | undefined, crs: values.crs as ImportCrs,
    dryRun: values['dry-run'], onlyValid: values['only-valid'],
  }, { id: null, username: 'cli', role: 'operator' });
  db.close();
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else printReport(report, file);
  const failed = report.dryRun ? report.totals.invalid > 0 : !report.committed;
  process.exit(failed ? 1 : 0);
} catch (err) {
  if (err instanceof HttpError || err instanceof ConfigError) {
    console.error(`Import failed: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
