import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/database';
import { createLayerRepository } from '../../server/src/features/layers';
import { seedDatabase } from '../../server/src/seed/seed';
import { startServer, type RunningServer } from '../../server/src/server';
import { writeFixtureDataDir } from '../helpers/fixture-data';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** A database file seeded from the fixture data, closed again. */
function seededFile(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-start-')), 'db.sqlite');
  const db = openDatabase(file);
  seedDatabase(db, writeFixtureDataDir());
  db.close();
  return file;
}

describe('startServer on an existing database', () => {
  it('takes a changed layer style from the data folder and keeps the features', async () => {
    const dbFile = seededFile();
    const dataDir = writeFixtureDataDir((files) => {
      files['layers.json'].find((l: { id: string }) => l.id === 'alleys').style.color = '#0F0F0F';
    });
    running = await startServer(testConfig({ port: 0, host: '127.0.0.1', dbFile, dataDir }));
    expect(createLayerRepository(running.db).get('alleys')?.style.color).toBe('#0F0F0F');
    expect(running.db.prepare("SELECT count(*) FROM features WHERE layer_id = 'alleys'").pluck().get()).toBe(2);
  });

  it('serves the layers as stored when the data folder has no catalogue', async () => {
    const dbFile = seededFile();
    const emptyDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-empty-data-'));
    running = await startServer(testConfig({ port: 0, host: '127.0.0.1', dbFile, dataDir: emptyDataDir }));
    const res = await fetch(`${running.url}/api/health`);
    expect(res.status).toBe(200);
    expect(createLayerRepository(running.db).list().map((l) => l.id)).toContain('alleys');
  });
});
