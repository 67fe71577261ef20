import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { machineLine, stats, writeBenchSection } from './lib';

const COMMITS = Number(process.env.BENCH_SYNC_COMMITS ?? 3000);
const MODES = ['NORMAL', 'FULL'] as const;

/** Milliseconds per commit of one 500-byte row in its own transaction, WAL journal, the given synchronous mode. */
function commitLatencies(mode: (typeof MODES)[number]): number[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-bench-sync-'));
  const db = new Database(path.join(dir, 'sync.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${mode}`);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const commit = db.transaction((v: string) => insert.run(v));
    const row = 'x'.repeat(500);
    const out: number[] = [];
    for (let i = 0; i < COMMITS; i += 1) {
      const t0 = performance.now();
      commit(row);
      out.push(performance.now() - t0);
    }
    return out;
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const rows: string[] = [];
for (const round of [1, 2]) {
  for (const mode of MODES) {
    const sample = commitLatencies(mode);
    const { p50, p99 } = stats(sample);
    const total = sample.reduce((s, v) => s + v, 0);
    rows.push(`| ${mode} | ${round} | ${(COMMITS / (total / 1000)).toFixed(0)} | ${p50.toFixed(3)} | ${p99.toFixed(3)} |`);
  }
}
const md = [
  '## Commit cost of synchronous=FULL (`npm run bench -- sync`)',
  '',
  `Machine: ${machineLine()}. Date: ${new Date().toISOString().slice(0, 10)}.`,
  `${COMMITS} commits of one 500-byte row each (one transaction per commit, WAL journal, better-sqlite3) into a fresh file under ${os.tmpdir()}, per mode, twice in turn. FULL syncs the WAL at every commit (what the server runs with), NORMAL only at checkpoints.`,
  '',
  '| synchronous | run | commits/s | p50 ms | p99 ms |',
  '|---|---|---|---|---|',
  ...rows,
].join('\n');
console.log(md);
console.log(`wrote ${writeBenchSection('sync', md)}`);
