import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../server/src/config';
import { stopProcess } from '../lib';

/** A console started for the benchmark: one process on SQLite, or the supervisor with N workers on PostgreSQL. */
export interface BenchServer {
  url: string;
  proc: ChildProcess;
  /** Process ids of the running workers that said they were ready (the supervisor's log). */
  workerPids(): number[];
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function childrenOf(pid: number): number[] {
  const out = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout ?? '';
  return out.split('\n').filter(Boolean).map(Number);
}

/**
 * `npm start` (scripts/start.ts: the supervisor and its node:cluster workers) with `env`, on a random port; resolves
 * once `workers` workers said they were ready and /api/health answers. CLIENT_DIST points at a folder so no client
 * build starts.
 */
export async function startConsole(env: Record<string, string>, workers: number): Promise<BenchServer> {
  const port = 40000 + Math.floor(Math.random() * 20000);
  const clientDist = path.join(PROJECT_ROOT, 'client', 'dist');
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts/start.ts')], {
    env: {
      // info: the supervisor's 'worker ready' lines tell when every worker serves (the app logs little else at info)
      ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', WORKERS: String(workers),
      CLIENT_DIST: fs.existsSync(clientDist) ? clientDist : PROJECT_ROOT, LOGIN_ATTEMPTS_PER_MINUTE: '10000', ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Set<number>();
  let rest = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      const entry = (() => {
        try {
          return JSON.parse(line) as { msg?: string; workerPid?: number };
        } catch {
          return {};
        }
      })();
      if (entry.msg === 'worker ready' && entry.workerPid) ready.add(entry.workerPid);
    }
  });
  const url = `http://127.0.0.1:${port}`;
  const workerPids = () => {
    const alive = new Set(childrenOf(proc.pid!));
    return [...ready].filter((pid) => alive.has(pid));
  };
  const server: BenchServer = { url, proc, workerPids, stop: () => stopProcess(proc) };
  for (let i = 0; i < 1200; i += 1) {
    if (proc.exitCode !== null) throw new Error(`the console exited with ${proc.exitCode} before it answered`);
    if (workerPids().length >= workers && (await fetch(`${url}/api/health`).then((r) => r.ok, () => false))) return server;
    await sleep(100);
  }
  await stopProcess(proc, 'SIGKILL');
  throw new Error('the console did not start within 120 s');
}

/**
 * Waits until `workers` workers other than the `gone` ones (killed: a dead child is still listed until its parent
 * reaps it) said they were ready; returns the seconds waited.
 */
export async function waitForWorkers(server: BenchServer, workers: number, gone: number[], timeoutMs = 60_000): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    if (server.workerPids().filter((pid) => !gone.includes(pid)).length >= workers) break;
    await sleep(100);
  }
  return (performance.now() - t0) / 1000;
}
