import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../server/src/config';

/** One `npm run db:copy` run: wall time, the copy process's peak RSS, whether every table verified, rows per table. */
export interface CopyRun {
  seconds: number;
  peakRssMb: number;
  verified: boolean;
  rows: Record<string, number>;
  output: string;
}

function vmHwmMb(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Runs scripts/db-copy.ts from `from` into `to` as a child process (tsx), sampling its peak RSS every 200 ms. */
export function runDbCopy(from: string, to: string, env: Record<string, string> = {}): Promise<CopyRun> {
  const t0 = performance.now();
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts/db-copy.ts'), '--from', from, '--to', to], {
    env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, vmHwmMb(proc.pid!))), 200);
  return new Promise((resolve) => {
    proc.once('exit', (code) => {
      clearInterval(sampler);
      const rows: Record<string, number> = {};
      for (const m of output.matchAll(/^([a-z_]+)\s+([\d,]+)\s+([\d,]+)\s+[0-9a-f]{32}/gm)) rows[m[1]!] = Number(m[2]!.replace(/,/g, ''));
      resolve({ seconds: (performance.now() - t0) / 1000, peakRssMb: peak, verified: code === 0 && /Copied and verified/.test(output), rows, output });
    });
  });
}
