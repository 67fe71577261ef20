import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Where Debian's postgresql-15 package puts the server programs. */
export const PG_BIN = '/usr/lib/postgresql/15/bin';

/** A throw-away PostgreSQL cluster on 127.0.0.1 for tests. */
export interface TestCluster {
  /** URL of the cluster's `postgres` database, user `qingbo`, no password (trust on loopback). */
  url: string;
  port: number;
  /** Shuts the server down (fast: connections are cut), keeping its data. */
  halt(): void;
  /** Starts a halted server again on the same port. */
  resume(): void;
  /** Stops the cluster and deletes its folder. */
  stop(): void;
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout || r.error?.message}`);
  return r.stdout;
}

/** A free TCP port on 127.0.0.1 (asked of the OS). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * initdb + pg_ctl start of a cluster in a temporary folder, from Debian's postgresql-15 and postgresql-15-postgis-3
 * (`.ci/run` installs them). Durability is switched off (fsync, full page writes): the cluster lives for one test run.
 * As root, the programs run as the `postgres` user (initdb refuses root).
 */
export async function startTestCluster(prefix = 'qingbo-test-pg-'): Promise<TestCluster> {
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) throw new Error(`PostgreSQL 15 is not installed (${PG_BIN}/initdb missing): apt-get install postgresql-15 postgresql-15-postgis-3`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const root = process.getuid?.() === 0;
  if (root) {
    fs.chmodSync(dir, 0o777);
    run('chown', ['postgres:postgres', dir]);
  }
  const as = (bin: string, args: string[]) => (root ? run('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, bin), ...args]) : run(path.join(PG_BIN, bin), args));
  const data = path.join(dir, 'data');
  as('initdb', ['-D', data, '-A', 'trust', '-U', 'qingbo', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const opts = [`-p ${port}`, '-c listen_addresses=127.0.0.1', `-c unix_socket_directories=${dir}`, '-c fsync=off', '-c synchronous_commit=off',
    '-c full_page_writes=off', '-c jit=off', '-c max_connections=300', '-c shared_buffers=128MB'].join(' ');
  const start = () => as('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', opts, '-w', 'start']);
  start();
  return {
    url: `postgres://qingbo@127.0.0.1:${port}/postgres`,
    port,
    halt: () => as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    resume: start,
    stop() {
      if (root) spawnSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore' });
      else spawnSync(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore' });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
