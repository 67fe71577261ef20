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
export async function startServerProcess(env: Record<string, string>): Promise<{ proc: ChildProcess; url: string }> {
  const port = String(40000 + Math.floor(Math.random() * 20000));
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'server/src/index.ts')], {
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
