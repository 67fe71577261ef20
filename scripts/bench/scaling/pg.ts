import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PG_BIN = '/usr/lib/postgresql/15/bin';

/** A throw-away PostgreSQL cluster for the scaling benchmark. */
export interface BenchCluster {
  /** URL of a database on the cluster (created on first use). */
  url(database: string): string;
  /** Runs SQL through psql on a database of the cluster; returns its unaligned output. */
  psql(database: string, sql: string): string;
  version: string;
  /** The postmaster and its children (backends, background workers). */
  pids(): number[];
  stop(): void;
}

function run(cmd: string, args: string[], input?: string): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout || r.error?.message}`);
  return r.stdout;
}

/**
 * initdb + start of a cluster in a temporary folder, durable like the SQLite default (fsync, synchronous_commit and
 * full page writes on: a commit is on disk before its answer), so write throughput compares fairly.
 */
export function startBenchCluster(): BenchCluster {
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) throw new Error('PostgreSQL 15 is not installed: apt-get install postgresql-15 postgresql-15-postgis-3');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-bench-scaling-pg-'));
  const root = process.getuid?.() === 0;
  if (root) {
    fs.chmodSync(dir, 0o777);
    run('chown', ['postgres:postgres', dir]);
  }
  const as = (bin: string, args: string[]) => (root ? run('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, bin), ...args]) : run(path.join(PG_BIN, bin), args));
  const data = path.join(dir, 'data');
  as('initdb', ['-D', data, '-A', 'trust', '-U', 'qingbo', '-E', 'UTF8', '--locale=C']);
  const port = 30000 + Math.floor(Math.random() * 9000);
  const opts = [`-p ${port}`, '-c listen_addresses=127.0.0.1', `-c unix_socket_directories=${dir}`, '-c shared_buffers=512MB',
    '-c max_connections=200', '-c jit=off', '-c max_wal_size=4GB'].join(' ');
  as('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', opts, '-w', 'start']);
  const url = (database: string) => `postgres://qingbo@127.0.0.1:${port}/${database}`;
  const psql = (database: string, sql: string) => run('psql', [url(database), '-v', 'ON_ERROR_STOP=1', '-q', '-A', '-t'], sql);
  return {
    url,
    psql,
    version: psql('postgres', "SELECT split_part(version(), ' on ', 1)").trim(),
    pids() {
      const postmaster = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      const children = (spawnSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' }).stdout ?? '').split('\n').filter(Boolean).map(Number);
      return [postmaster, ...children];
    },
    stop() {
      const stop = [path.join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'];
      spawnSync(root ? 'runuser' : stop[0]!, root ? ['-u', 'postgres', '--', ...stop] : stop.slice(1), { stdio: 'ignore' });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
