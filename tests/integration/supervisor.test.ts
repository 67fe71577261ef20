import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/database';
import { seedDatabase } from '../../server/src/seed/seed';
import { writeFixtureDataDir } from '../helpers/fixture-data';
import { spawnServer, type ServerProcess } from '../helpers/server-process';

const started: ServerProcess[] = [];
afterEach(() => {
  for (const s of started.splice(0)) if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill('SIGKILL');
});

/** `npm start` as a process: the real start entry (or another supervising module), with its output collected. */
function npmStart(env: Record<string, string>, entry = 'scripts/start.ts'): ServerProcess {
  const s = spawnServer(entry, env);
  started.push(s);
  return s;
}

/** A temp data folder with the fixture catalogue and its database already seeded. */
function seededDataDir(): string {
  const dataDir = writeFixtureDataDir();
  const db = openDatabase(path.join(dataDir, 'qingbo.sqlite'));
  seedDatabase(db, dataDir);
  db.close();
  return dataDir;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start runs the server under a supervisor', () => {
  it('restarts a worker killed with SIGKILL, prints the banner once, and stops cleanly on SIGTERM', async () => {
    const app = npmStart({ DATA_DIR: seededDataDir() });
    const first = await app.waitForLog((l) => l.msg === 'worker ready');
    const firstPid = first.workerPid as number;
    expect(firstPid).not.toBe(app.proc.pid);
    expect((await fetch(`${String(first.url)}/api/health`)).status).toBe(200);

    process.kill(firstPid, 'SIGKILL');
    const second = await app.waitForLog((l) => l.msg === 'worker ready' && l.workerPid !== firstPid);
    expect(isAlive(firstPid)).toBe(false);
    expect(app.logs()).toContainEqual(expect.objectContaining({ msg: 'worker killed by SIGKILL; restarting', workerPid: firstPid, signal: 'SIGKILL', restartInMs: 500 }));
    const health = await fetch(`${String(second.url)}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual(expect.objectContaining({ status: 'ok' }));
    expect(app.stdout().match(/Qingbo One Map →/g)).toHaveLength(1);

    app.proc.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    expect(isAlive(second.workerPid as number)).toBe(false);
    expect(app.logs()).toContainEqual(expect.objectContaining({ msg: 'worker stopped', workerPid: second.workerPid, code: 0 }));
  }, 120_000);

  it('gives up with exit code 2, without a restart loop, when the worker cannot start (no catalogue to seed from)', async () => {
    const app = npmStart({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-empty-data-')) });
    expect(await app.exited).toBe(2);
    expect(app.logs().filter((l) => l.msg === 'worker started')).toHaveLength(1);
    expect(app.stderr()).toMatch(/Not restarting/);
  }, 120_000);

  it('gives up with exit code 1 after 5 start-up crashes in a row, waiting 0.5, 1, 2 and 4 s between them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-crashing-'));
    fs.writeFileSync(path.join(dir, 'crash.mjs'), "throw new Error('broken build');\n");
    fs.writeFileSync(path.join(dir, 'supervise.ts'), [
      `import { createLogger } from ${JSON.stringify(path.join(PROJECT_ROOT, 'server/src/logger.ts'))};`,
      `import { superviseWorkers } from ${JSON.stringify(path.join(PROJECT_ROOT, 'server/src/supervisor.ts'))};`,
      `superviseWorkers({ exec: ${JSON.stringify(path.join(dir, 'crash.mjs'))}, workers: 1, log: createLogger('info') });`,
    ].join('\n'));
    const app = npmStart({}, path.join(dir, 'supervise.ts'));
    expect(await app.exited).toBe(1);
    expect(app.logs().filter((l) => l.msg === 'worker started')).toHaveLength(5);
    expect(app.logs().filter((l) => l.msg === 'worker exited with code 1; restarting').map((l) => l.restartInMs)).toEqual([500, 1000, 2000, 4000]);
    expect(app.stderr()).toMatch(/died 5 times in a row before it was ready/);
  }, 120_000);

  it('refuses several workers on a SQLite file with exit code 2 and a message naming WORKERS, before starting any', async () => {
    const app = npmStart({ WORKERS: '2', DATABASE_URL: '' });
    expect(await app.exited).toBe(2);
    expect(app.stderr()).toMatch(/WORKERS="2": more than one server process needs DATABASE_URL/);
    expect(app.logs().filter((l) => l.msg === 'worker started')).toHaveLength(0);
  }, 120_000);

  it('exits with code 2 before starting any worker when the configuration is invalid', async () => {
    const app = npmStart({ PORT: 'eighty' });
    expect(await app.exited).toBe(2);
    expect(app.stderr()).toMatch(/PORT="eighty"/);
    expect(app.logs().filter((l) => l.msg === 'worker started')).toHaveLength(0);
  }, 120_000);
});
