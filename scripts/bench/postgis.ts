import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { syntheticBuildings, syntheticCases } from './synthetic';
import { lonLatTo3857 } from './tile-list';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const POSTGIS_CONTROL = '/usr/share/postgresql/15/extension/postgis.control';

/** True when PostgreSQL 15 and PostGIS 3 (Debian packages) are installed. */
export const hasPostgis = () => fs.existsSync(path.join(PG_BIN, 'initdb')) && fs.existsSync(POSTGIS_CONTROL);

/** True when the benchmark was asked to install what it compares against (`--install`). */
export const wantsInstall = () => process.argv.includes('--install');

/** apt-installs Debian packages (root only); returns false and says why when it fails. */
export function aptInstall(packages: string[]): boolean {
  console.log(`apt-get install ${packages.join(' ')} …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  if (r.status !== 0) console.log(`apt-get install failed (exit ${r.status ?? r.error?.message})`);
  return r.status === 0;
}

/** PostGIS when installed, installing it first when `--install` was given; a reason to skip otherwise. */
export function ensurePostgis(): { ok: true } | { ok: false; reason: string } {
  if (hasPostgis()) return { ok: true };
  if (!wantsInstall()) return { ok: false, reason: 'PostgreSQL 15 + PostGIS 3 is not installed: run `npm run bench -- compare --install` (apt-get install postgresql postgresql-15-postgis-3) to include it' };
  if (!aptInstall(['postgresql', 'postgresql-15-postgis-3']) || !hasPostgis()) return { ok: false, reason: 'apt-get could not install postgresql-15-postgis-3 here' };
  return { ok: true };
}

function run(cmd: string, args: string[], input?: string): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout || r.error?.message}`);
  return r.stdout;
}

/** A private PostgreSQL cluster on 127.0.0.1, in a temporary folder owned by the `postgres` user. */
export interface Cluster {
  port: number;
  client(): Promise<pg.Client>;
  psql(sql: string): string;
  stop(): void;
}

/** initdb + pg_ctl start of a throw-away cluster (we run as root, so as `postgres` through runuser). */
export function startCluster(): Cluster {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-bench-pg-'));
  fs.chmodSync(dir, 0o777);
  run('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const port = 30000 + Math.floor(Math.random() * 9000);
  const as = (bin: string, args: string[]) => run('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, bin), ...args]);
  as('initdb', ['-D', data, '-A', 'trust', '-U', 'bench', '--no-sync', '-E', 'UTF8']);
  const opts = [`-p ${port}`, "-c listen_addresses=127.0.0.1", `-c unix_socket_directories=${dir}`, '-c shared_buffers=1GB', '-c work_mem=64MB',
    '-c maintenance_work_mem=512MB', '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c jit=off'].join(' ');
  as('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', opts, '-w', 'start']);
  const conn = { host: '127.0.0.1', port, user: 'bench', database: 'postgres' };
  return {
    port,
    async client() {
      const c = new pg.Client(conn);
      await c.connect();
      return c;
    },
    psql: (sql: string) => run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'bench', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q', '-A', '-t'], sql),
    stop() {
      spawnSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore' });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** PostgreSQL and PostGIS versions of a running cluster. */
export function versions(cluster: Cluster): string {
  return cluster.psql("CREATE EXTENSION IF NOT EXISTS postgis; SELECT split_part(version(), ' on ', 1) || ', PostGIS ' || postgis_lib_version();").trim();
}

/**
 * Loads the same synthetic cases as the SQLite layer into `table`, the usual fast
 * way: COPY, plain columns, a precomputed EPSG:3857 column and GiST indexes. Returns seconds.
 */
export function loadCases(cluster: Cluster, table: string, count: number): number {
  const t0 = performance.now();
  const csv = path.join(os.tmpdir(), `qingbo-bench-${table}-${process.pid}.csv`);
  const out = fs.openSync(csv, 'w');
  let chunk: string[] = [];
  for (const c of syntheticCases(count)) {
    const [x, y] = lonLatTo3857(c.lon, c.lat);
    chunk.push(`${c.n},${c.category},${c.state},${c.reportedOn},${c.priority},SRID=4326;POINT(${c.lon} ${c.lat}),SRID=3857;POINT(${x} ${y})`);
    if (chunk.length === 50_000) {
      fs.writeSync(out, `${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length) fs.writeSync(out, `${chunk.join('\n')}\n`);
  fs.closeSync(out);
  cluster.psql(`CREATE EXTENSION IF NOT EXISTS postgis;
    DROP TABLE IF EXISTS ${table};
    CREATE TABLE ${table} (id integer PRIMARY KEY, category text, state text, reported_on date, priority integer,
      geom geometry(Point, 4326), geom3857 geometry(Point, 3857));
    \\copy ${table} FROM '${csv}' WITH (FORMAT csv)
    CREATE INDEX ON ${table} USING gist (geom3857);
    CREATE INDEX ON ${table} USING gist (geom);
    VACUUM ANALYZE ${table};`);
  fs.rmSync(csv, { force: true });
  return (performance.now() - t0) / 1000;
}

/** Loads the same synthetic buildings as the SQLite polygon layer into `table`. Returns seconds. */
export function loadBuildings(cluster: Cluster, table: string, count: number): number {
  const t0 = performance.now();
  const csv = path.join(os.tmpdir(), `qingbo-bench-${table}-${process.pid}.csv`);
  const lines: string[] = [];
  for (const b of syntheticBuildings(count)) {
    const ring = b.ring.map(([lon, lat]) => lonLatTo3857(lon, lat).join(' ')).join(',');
    lines.push(`${b.n},${b.floors},${b.use},"SRID=3857;POLYGON((${ring}))"`);
  }
  fs.writeFileSync(csv, `${lines.join('\n')}\n`);
  cluster.psql(`CREATE EXTENSION IF NOT EXISTS postgis;
    DROP TABLE IF EXISTS ${table};
    CREATE TABLE ${table} (id integer PRIMARY KEY, floors integer, use text, geom3857 geometry(Polygon, 3857));
    \\copy ${table} FROM '${csv}' WITH (FORMAT csv)
    CREATE INDEX ON ${table} USING gist (geom3857);
    VACUUM ANALYZE ${table};`);
  fs.rmSync(csv, { force: true });
  return (performance.now() - t0) / 1000;
}

/** The Martin / pg_tileserv tile query: ST_TileEnvelope, ST_AsMVTGeom (extent 4096, buffer 64, clipped), ST_AsMVT. */
export function mvtQuery(table: string, columns: string[]): string {
  return `SELECT ST_AsMVT(t, '${table}', 4096, 'geom', 'id') FROM (
    SELECT id, ${columns.join(', ')}, ST_AsMVTGeom(geom3857, ST_TileEnvelope($1, $2, $3), 4096, 64, true) AS geom
    FROM ${table} WHERE geom3857 && ST_TileEnvelope($1, $2, $3, margin => (64.0 / 4096))
  ) AS t`;
}
