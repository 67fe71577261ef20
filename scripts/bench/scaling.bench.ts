import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/database';
import { signIn } from './cases-client';
import { machineLine, writeBenchSection } from './lib';
import { ensurePostgis } from './postgis';
import { runDbCopy, type CopyRun } from './scaling/copy';
import { cpuMeter } from './scaling/cpu';
import { mixReads, runMix, type MixResult } from './scaling/mix';
import { startBenchCluster } from './scaling/pg';
import { startConsole, waitForWorkers, type BenchServer } from './scaling/servers';
import { watchEvents } from './scaling/sse';
import { createSyntheticCases } from './synthetic';

const SECONDS = Number(process.env.BENCH_SCALING_SECONDS ?? 20);
const FILING_SECONDS = Number(process.env.BENCH_SCALING_FILING_SECONDS ?? 10);
const BIG_FEATURES = Number(process.env.BENCH_SCALING_FEATURES ?? 1_000_000);
const WORKER_COUNTS = (process.env.BENCH_SCALING_WORKERS ?? '1,2,4').split(',').map(Number);
const CONNECTIONS = 50;
const CORES = os.availableParallelism();

const postgis = ensurePostgis();
if (!postgis.ok) throw new Error(postgis.reason);
const load = () => os.loadavg()[0]!.toFixed(2);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-bench-scaling-'));
const uploads = path.join(tmp, 'uploads');
const demo = path.join(tmp, 'demo.sqlite');
const seeded = spawnSync(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts/seed.ts')], { env: { ...process.env, DB_FILE: demo, UPLOAD_DIR: uploads }, encoding: 'utf8' });
if (seeded.status !== 0) throw new Error(`seeding the demo database failed: ${seeded.stderr}`);

interface Row { setup: string; processes: number; mixed: MixResult; filings: MixResult; mixedCpuMs: number; filingCpuMs: number; loadBefore: string; loadAfter: string }
const rows: Row[] = [];

/** Server-side CPU ms per answered request: the workers' and (on PostgreSQL) the database's processes. */
async function metered(pids: () => number[], run: () => Promise<MixResult>): Promise<[MixResult, number]> {
  const meter = cpuMeter(pids);
  const result = await run();
  const ms = meter.stop();
  return [result, result.answered > 0 ? ms / result.answered : NaN];
}

async function measure(setup: string, processes: number, server: BenchServer, dbPids: () => number[] = () => []): Promise<void> {
  const loadBefore = load();
  const cookie = await signIn(server.url, 'inspector');
  const { reads, caseIds } = await mixReads(server.url, cookie);
  const pids = () => [...server.workerPids(), ...dbPids()];
  const [mixed, mixedCpuMs] = await metered(pids, () => runMix({ url: server.url, cookie, seconds: SECONDS, connections: CONNECTIONS, filingShare: 0.05, reads, caseIds }));
  const [filings, filingCpuMs] = await metered(pids, () => runMix({ url: server.url, cookie, seconds: FILING_SECONDS, connections: CONNECTIONS, filingShare: 1, reads, caseIds }));
  rows.push({ setup, processes, mixed, filings, mixedCpuMs, filingCpuMs, loadBefore, loadAfter: load() });
  console.log(`${setup} × ${processes}: mixed ${mixed.rps.toFixed(0)} req/s p99 ${mixed.p99} ms, failed ${mixed.failed}, ${mixedCpuMs.toFixed(2)} CPU ms/req; filings ${filings.rps.toFixed(0)}/s p99 ${filings.p99} ms, failed ${filings.failed}, ${filingCpuMs.toFixed(2)} CPU ms/filing`);
  await server.stop();
}

const sqliteRun = path.join(tmp, 'sqlite-run.sqlite');
fs.copyFileSync(demo, sqliteRun);
await measure('SQLite', 1, await startConsole({ DB_FILE: sqliteRun, UPLOAD_DIR: uploads }, 1));

const cluster = startBenchCluster();
const copies: { label: string; run: CopyRun }[] = [];
try {
  cluster.psql('postgres', 'CREATE DATABASE scaling');
  copies.push({ label: 'demo database', run: await runDbCopy(demo, cluster.url('scaling'), { UPLOAD_DIR: uploads }) });
  if (!copies[0]!.run.verified) throw new Error(`db:copy of the demo database failed:\n${copies[0]!.run.output}`);
  const pgEnv = { DATABASE_URL: cluster.url('scaling'), UPLOAD_DIR: uploads };
  for (const n of WORKER_COUNTS) await measure('PostgreSQL', n, await startConsole(pgEnv, n), () => cluster.pids());

  // kill -9 of one of two workers in the middle of the mixed load
  const server = await startConsole(pgEnv, 2);
  const cookie = await signIn(server.url, 'inspector');
  const { reads, caseIds } = await mixReads(server.url, cookie);
  const watchers = Array.from({ length: 4 }, () => watchEvents(server.url, cookie));
  await new Promise((r) => setTimeout(r, 1000));
  const running = runMix({ url: server.url, cookie, seconds: SECONDS, connections: CONNECTIONS, filingShare: 0.05, reads, caseIds });
  await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 3));
  const victim = server.workerPids()[0]!;
  process.kill(victim, 'SIGKILL');
  const back = await waitForWorkers(server, 2, [victim]);
  const kill = await running;
  await new Promise((r) => setTimeout(r, 3000));
  for (const w of watchers) w.stop();
  const ids = kill.acked.length ? kill.acked.join(',') : '0';
  const stored = Number(cluster.psql('scaling', `SELECT count(*) FROM cases WHERE id IN (${ids})`).trim());
  const missed = watchers.map((w) => kill.acked.filter((id) => !w.created.has(id)).length);
  const killRow = {
    ...kill, lost: kill.acked.length - stored,
    reconnects: watchers.reduce((s, w) => s + w.reconnects, 0), failedAttempts: watchers.reduce((s, w) => s + w.failedAttempts, 0), missed,
  };
  await server.stop();

  const big = path.join(tmp, 'big.sqlite');
  const bigDb = openDatabase(big);
  const buildSeconds = createSyntheticCases(bigDb, 'synthetic-cases', BIG_FEATURES);
  bigDb.close();
  cluster.psql('postgres', 'CREATE DATABASE big');
  copies.push({ label: `${BIG_FEATURES.toLocaleString('en')} synthetic point features (built in ${buildSeconds.toFixed(0)} s)`, run: await runDbCopy(big, cluster.url('big'), { UPLOAD_DIR: uploads }) });

  const pct = (r: MixResult) => (r.requests ? ((r.failed / r.requests) * 100).toFixed(2) : '0');
  const md = [
    '## Scaling: SQLite and PostgreSQL, one to four processes (`npm run bench -- scaling`)',
    '',
    `Machine: ${machineLine()}. Date: ${new Date().toISOString().slice(0, 16)} UTC. ${cluster.version} + PostGIS, durable (fsync, synchronous_commit on), on the same machine.`,
    `The server processes, PostgreSQL and the load generator (autocannon in one process, ${CONNECTIONS} connections) share the ${CORES} cores: per-core throughput is req/s ÷ ${CORES}. The machine was shared with other work while this ran (1-minute load average before/after each row).`,
    `Mixed load: today's mix of \`load.bench.ts\` (80 % tiles and OGC pages, 15 % case reads, 5 % filings), ${SECONDS} s. Filings alone: POST /api/cases only, ${FILING_SECONDS} s. PostgreSQL runs \`npm start\` with WORKERS=N on one port; the database is the demo copied by db:copy.`,
    '',
    '| setup | processes | mixed req/s | per core | p50 ms | p99 ms | failed | server CPU ms / req | filings alone /s | p99 ms | failed | server CPU ms / filing | load avg |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.setup} | ${r.processes} | ${r.mixed.rps.toFixed(0)} | ${(r.mixed.rps / CORES).toFixed(0)} | ${r.mixed.p50} | ${r.mixed.p99} | ${r.mixed.failed} | ${r.mixedCpuMs.toFixed(2)} | ${r.filings.rps.toFixed(0)} | ${r.filings.p99} | ${r.filings.failed} | ${r.filingCpuMs.toFixed(2)} | ${r.loadBefore} → ${r.loadAfter} |`),
    '',
    'Server CPU ms per request: user + system time of the server processes (and on PostgreSQL of all its processes) over the run, divided by the requests answered; the neighbours on the machine disturb it far less than req/s. 1,000 ÷ it is what one core could answer with the load generator elsewhere.',
    '',
    `**kill -9 of one of 2 workers** ${Math.round(SECONDS / 3)} s into ${SECONDS} s of the mixed load, 4 live-event listeners reconnecting with Last-Event-ID:`,
    '',
    '| requests sent | failed | filings answered 201 | of those missing afterwards | worker back after | SSE reconnects (failed attempts) | acknowledged cases whose event a listener never got |',
    '|---|---|---|---|---|---|---|',
    `| ${kill.requests} | ${kill.failed} (${pct(kill)} %) | ${kill.acked.length} | **${killRow.lost}** | ${back.toFixed(1)} s | ${killRow.reconnects} (${killRow.failedAttempts}) | ${missed.join(' / ')} |`,
    '',
    '**db:copy** (`npm run db:copy`, one transaction, verified by row count and checksum per table):',
    '',
    '| source | features | cases | case events | time | copy process peak RSS | verified |',
    '|---|---|---|---|---|---|---|',
    ...copies.map(({ label, run }) => `| ${label} | ${(run.rows.features ?? 0).toLocaleString('en')} | ${(run.rows.cases ?? 0).toLocaleString('en')} | ${(run.rows.case_events ?? 0).toLocaleString('en')} | ${run.seconds.toFixed(1)} s | ${run.peakRssMb.toFixed(0)} MiB | ${run.verified ? 'yes' : '**NO**'} |`),
  ].join('\n');
  console.log(md);
  if (process.env.BENCH_SCALING_DRY) console.log('dry run: docs/benchmarks.md left as it was');
  else console.log(`wrote ${writeBenchSection('scaling', md)}`);
  if (killRow.lost > 0 || copies.some((c) => !c.run.verified)) process.exitCode = 1;
} finally {
  cluster.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
