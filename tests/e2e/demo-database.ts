import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../../server/src/config';
import { startServer } from '../../server/src/server';

/** Folders whose files decide what a freshly seeded demo database holds. */
const SEED_INPUTS = ['server/src/seed', 'server/src/db', 'server/src/features/calendar'].map((p) => path.join(PROJECT_ROOT, p));

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !f.includes(`${path.sep}uploads${path.sep}`) && !/\.sqlite(-wal|-shm)?$/.test(f))
    .sort();
}

/** A fingerprint of the data folder and the seeding code: names, sizes and modification times. */
function fingerprint(dataDir: string): string {
  const hash = createHash('sha1');
  for (const file of [...filesUnder(dataDir), ...SEED_INPUTS.flatMap(filesUnder)]) {
    const st = fs.statSync(file);
    hash.update(`${file}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Writes a freshly seeded demo database to `target`. Seeding the demo district takes seconds on a loaded
 * machine, so the first browser test file seeds it once into the temporary folder (keyed by a fingerprint
 * of the data folder and the seeding code) and every later one copies that file; the server then opens a
 * database already at the current schema, exactly as `npm start` leaves it.
 */
export async function copySeededDatabase(dataDir: string, target: string): Promise<void> {
  const template = path.join(os.tmpdir(), `qingbo-e2e-seeded-${fingerprint(dataDir)}.sqlite`);
  if (!fs.existsSync(template)) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-e2e-seed-'));
    try {
      const dbFile = path.join(dir, 'qingbo.sqlite');
      const seeded = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DB_FILE: dbFile, LOG_LEVEL: 'warn' }));
      await seeded.close();
      if (fs.existsSync(`${dbFile}-wal`) && fs.statSync(`${dbFile}-wal`).size > 0) throw new Error('the seeded database was not checkpointed on close');
      // written under another name, then renamed: a parallel run never copies half a file
      const part = `${template}.${process.pid}.part`;
      fs.copyFileSync(dbFile, part);
      fs.renameSync(part, template);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  fs.copyFileSync(template, target);
}
