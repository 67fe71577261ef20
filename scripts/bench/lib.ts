import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/src/config';

/** Percentile of a sorted-on-demand sample (nearest rank). */
export function percentile(sample: number[], p: number): number {
  if (sample.length === 0) return NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Starts the console server as a child process and resolves once it answers /api/health. */
export async function startServerProcess(env: Record<string, string>, nodeArgs: string[] = [], fixedPort?: number): Promise<{ proc: ChildProcess; url: string }> {
  const port = String(fixedPort ?? 40000 + Math.floor(Math.random() * 20000));
  const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(PROJECT_ROOT, 'server/src/index.ts')], {
    env: { ...process.env, PORT: port, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i += 1) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { proc, url };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  proc.kill('SIGKILL');
  throw new Error('server did not start within 60 s');
}

/** Sends SIGTERM (or another signal) and resolves when the process has exited. */
export function stopProcess(proc: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill(signal);
  });
}

/** p50/p95/p99 (ms) of a sample, formatted for a table cell each. */
export function stats(sample: number[]): { p50: number; p95: number; p99: number } {
  return { p50: percentile(sample, 50), p95: percentile(sample, 95), p99: percentile(sample, 99) };
}

/** "1.8×" style ratio of theirs to ours (> 1: we are faster). */
export const ratio = (theirs: number, ours: number) => `${(theirs / ours).toFixed(2)}×`;

/** Top self-time functions of a V8 .cpuprofile, over its last `windowMs` milliseconds (all of it when omitted). */
export function profileSummary(file: string, top = 12, windowMs?: number): { rows: string[]; totalMs: number } {
  interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; }
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const from = windowMs === undefined ? -Infinity : prof.endTime - windowMs * 1000;
  let t = prof.startTime;
  let total = 0;
  for (let i = 0; i < prof.samples.length; i += 1) {
    t += prof.timeDeltas[i] ?? 0;
    const dt = (prof.timeDeltas[i + 1] ?? 0) / 1000;
    if (t < from) continue;
    const f = byId.get(prof.samples[i]!)!.callFrame;
    if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
    const where = f.url ? `${f.url.replace(/^file:\/\//, '').replace(`${PROJECT_ROOT}/`, '')}` : '';
    const key = `${f.functionName || '(anonymous)'}${where ? ` — ${where}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  }
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([k, ms]) => `| ${k.replace(/\|/g, '\\|')} | ${ms.toFixed(0)} | ${((ms / total) * 100).toFixed(1)} % |`);
  return { rows, totalMs: total };
}

/** Peak resident set size of a process in MiB (Linux VmHWM). */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Result of one wrk run. */
export interface WrkResult {
  rps: number;
  p50ms: number;
  p99ms: number;
  errors: number;
}

function toMs(text: string): number {
  const m = /([\d.]+)(us|ms|s)/.exec(text);
  if (!m) return NaN;
  const v = Number(m[1]);
  return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
}

/** True when wrk (Debian package `wrk`) is installed. */
export const hasWrk = () => spawnSync('wrk', ['--version']).error === undefined;

/** Runs wrk against one URL: `wrk -t1 -c50 -dNs --latency`. */
export function runWrk(url: string, seconds = 10, connections = 50, headers: string[] = []): WrkResult {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', ...headers.flatMap((h) => ['-H', h]), url];
  const out = spawnSync('wrk', args, { encoding: 'utf8' }).stdout;
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
    p50ms: toMs(/\s50%\s+(\S+)/.exec(out)?.[1] ?? ''),
    p99ms: toMs(/\s99%\s+(\S+)/.exec(out)?.[1] ?? ''),
    errors: Number(errors?.[1] ?? 0) + (socket ? socket.slice(1).reduce((s, n) => s + Number(n), 0) : 0),
  };
}

/** Replaces the section between `<!-- bench:NAME -->` markers of docs/benchmarks.md (or appends it). */
export function writeBenchSection(name: string, markdown: string): string {
  const file = path.join(PROJECT_ROOT, 'docs', 'benchmarks.md');
  const begin = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\nRun with `npm run bench` (all) or `npm run bench -- NAME`. Figures are from the machine named in each section.\n';
  const re = new RegExp(`${begin}[\\s\\S]*?${end}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}\n`);
  return file;
}

/** One line naming the machine: CPU model, cores, memory, Node version. */
export function machineLine(): string {
  const cpu = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  const memGb = Number(/MemTotal:\s+(\d+)/.exec(fs.readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0) / 1024 / 1024;
  return `${cpu.trim()}, ${(spawnSync('nproc').stdout?.toString().trim()) || '?'} cores, ${memGb.toFixed(0)} GiB, Node ${process.version}`;
}
