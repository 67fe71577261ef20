import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from '../../config';
import { openDatabase } from '../database';
import { DatabaseStartError } from './open';
import { freePort } from '../../../../tests/helpers/pg-cluster';

// #14 item 4: a malformed DATABASE_URL or an unreachable server stops start-up with a message naming the cause
describe('starting on a PostgreSQL that cannot be used', () => {
  it('refuses a malformed DATABASE_URL at configuration time, without echoing it (it may hold a password)', () => {
    for (const [url, reason] of [
      ['mysql://u:secret@db/qingbo', 'unsupported scheme "mysql:"'],
      ['postgres://u:secret@db', 'no database name'],
      ['not a url secret', 'not a URL'],
    ] as const) {
      expect(() => loadConfig({ DATABASE_URL: url })).toThrow(reason);
      try {
        loadConfig({ DATABASE_URL: url });
      } catch (err) {
        expect((err as Error).message).not.toContain('secret');
      }
    }
    expect(loadConfig({ DATABASE_URL: 'postgresql://qingbo@db.example:5433/qingbo' }).databaseUrl).toBe('postgresql://qingbo@db.example:5433/qingbo');
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('names an unreachable server', async () => {
    const port = await freePort();
    expect(() => openDatabase(`postgres://qingbo:secret@127.0.0.1:${port}/qingbo`, { connectTimeoutMs: 2_000 })).toThrow(DatabaseStartError);
    expect(() => openDatabase(`postgres://qingbo:secret@127.0.0.1:${port}/qingbo`, { connectTimeoutMs: 2_000 })).toThrow(`cannot reach PostgreSQL at 127.0.0.1:${port}/qingbo (DATABASE_URL): connect ECONNREFUSED`);
  });

  it('stops the server process with that message and the configuration exit code', async () => {
    const port = await freePort();
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'server/src/index.ts')], {
      env: { ...process.env, DATABASE_URL: `postgres://qingbo:secret@127.0.0.1:${port}/qingbo`, PORT: '0', LOG_LEVEL: 'silent' },
      encoding: 'utf8', timeout: 60_000,
    });
    expect(r.stderr).toContain(`cannot reach PostgreSQL at 127.0.0.1:${port}/qingbo`);
    expect(r.stderr).not.toContain('secret');
    expect(r.status).toBe(2);
  }, 90_000);
});
