import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { RASTER_BASEMAPS, type RasterBasemap } from './styles/raster-basemaps';
import { parseCorsOrigins, type CorsOrigins } from './cors-origins';

/** Root of the project checkout (two levels above server/src). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Webhook hosts allowed by default: the group-robot services of WeCom, DingTalk and Feishu. */
export const DEFAULT_WEBHOOK_HOSTS = ['qyapi.weixin.qq.com', 'oapi.dingtalk.com', 'open.feishu.cn'] as const;
/** One `WEBHOOK_HOSTS` entry: a host name, IPv4 address or bracketed IPv6 address, with an optional port. */
const WEBHOOK_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/** Why a `DATABASE_URL` cannot be used (undefined when it can): a postgres:// URL with a host and a database name. */
export function databaseUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not a URL: expected postgres://user:password@host:5432/database';
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return `unsupported scheme "${url.protocol}": expected postgres://user:password@host:5432/database`;
  if (!url.hostname && !url.searchParams.get('host')) return 'no host: expected postgres://user:password@host:5432/database';
  if (url.pathname.length <= 1) return 'no database name: expected postgres://user:password@host:5432/database';
  return undefined;
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, 'data')),
  DB_FILE: z.string().min(1).optional(),
  DATABASE_URL: z.string().optional().transform((text, ctx) => {
    if (text === undefined || text.trim() === '') return undefined;
    const reason = databaseUrlProblem(text);
    if (reason) {
      ctx.addIssue({ code: 'custom', message: reason });
      return z.NEVER;
    }
    return text;
  }),
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  CLIENT_DIST: z.string().min(1).default(path.join(PROJECT_ROOT, 'client', 'dist')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_BASE_URL: z.url().optional(),
  TILE_CACHE_MB: z.coerce.number().int().min(0).max(65536).default(256),
  BASEMAP: z.enum(RASTER_BASEMAPS).default('none'),
  PUBLIC_READ: z.enum(['true', 'false', '1', '0']).default('true').transform((v) => v === 'true' || v === '1'),
  SESSION_HOURS: z.coerce.number().min(0.1).max(24 * 30).default(12),
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  TIANDITU_KEY: z.string().min(1).optional(),
  UPLOAD_DIR: z.string().min(1).optional(),
  CLOCK_REFRESH_MINUTES: z.coerce.number().min(0.1).max(1440).default(5),
  OPEN311_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(30),
  OPEN311_TYPE: z.enum(['production', 'test']).default('production'),
  OPEN311_CONTACT: z.string().trim().min(1).max(500).optional(),
  CORS_ORIGINS: z.string().default('').transform((text, ctx) => {
    try {
      return parseCorsOrigins(text);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  }),
  OGC_REQUIRE_IF_MATCH: z.enum(['true', 'false', '1', '0']).default('false').transform((v) => v === 'true' || v === '1'),
  WEBHOOK_HOSTS: z.string().default(DEFAULT_WEBHOOK_HOSTS.join(',')).transform((text, ctx) => {
    const hosts = text.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
    const bad = hosts.filter((h) => !WEBHOOK_HOST.test(h));
    if (bad.length) ctx.addIssue({ code: 'custom', message: `not host[:port]: ${bad.join(', ')}` });
    return hosts;
  }),
}).refine((e) => e.WORKERS === 1 || e.DATABASE_URL !== undefined, {
  path: ['WORKERS'], message: 'more than one server process needs DATABASE_URL (PostgreSQL): a SQLite file is served by one process',
}).refine((e) => !e.BASEMAP.startsWith('tianditu') || e.TIANDITU_KEY, { path: ['TIANDITU_KEY'], message: 'BASEMAP=tianditu-* needs TIANDITU_KEY (a key from the Tianditu console)' });

/** Validated runtime configuration of the server. */
export interface AppConfig {
  port: number;
  host: string;
  /** Folder of the demo GeoJSON catalogue, the SQLite file and uploads. */
  dataDir: string;
  /** Path of the SQLite database file (`:memory:` in tests). */
  dbFile: string;
  /** A PostgreSQL/PostGIS connection URL (`DATABASE_URL`); when set it is used instead of the SQLite file. */
  databaseUrl?: string;
  /** How many server processes `npm start` runs on the one port (`WORKERS`, 1…64; above 1 only with `databaseUrl`). */
  workers: number;
  /** Folder of the built client served at `/`. */
  clientDist: string;
  logLevel: string;
  /** Base URL used in absolute links (OGC); derived from the request when absent. */
  publicBaseUrl?: string;
  /** Memory budget of the tile cache, in MiB. */
  tileCacheMb: number;
  /** Online raster basemap under the offline one; `none` by default. */
  basemap: RasterBasemap;
  tiandituKey?: string;
  /** Whether tiles, styles, layers and OGC reads are open to anyone (else: signed-in users only). */
  publicRead: boolean;
  /** Lifetime of a session, in hours. */
  sessionHours: number;
  /** Sign-in attempts allowed per client address per minute. */
  loginAttemptsPerMinute: number;
  /** Folder of uploaded case photos (`$DATA_DIR/uploads`). */
  uploadDir: string;
  /** How often the running case clocks of the `cases` layer are refreshed, in minutes. */
  clockRefreshMinutes: number;
  /** Open311 POST requests allowed per API key per minute. */
  open311RatePerMinute: number;
  /** Whether the Open311 endpoint is `production` (live, acted upon) or `test`, as its discovery document says. */
  open311Type: 'production' | 'test';
  /** How to reach the Open311 provider, for the discovery document (a generic pointer when absent). */
  open311Contact?: string;
  /** Interval of the heartbeat comment on `/api/events`, in milliseconds. */
  sseHeartbeatMs: number;
  /** How often a running `/api/events` stream re-checks the session it was opened with, in milliseconds. */
  sseSessionCheckMs: number;
  /** Origins that may read the public surface cross-origin (`*` for any); empty: no CORS. */
  corsOrigins: CorsOrigins;
  /** Whether OGC PUT/PATCH/DELETE need `If-Match` (428 without it). */
  ogcRequireIfMatch: boolean;
  /** Hosts (`host` or `host:port`, lower case) outbound webhooks may be sent to (`WEBHOOK_HOSTS`). */
  webhookHosts: string[];
}

/** Thrown when an environment variable holds a bad value. */
export class ConfigError extends Error {}

/**
 * Reads and validates configuration from environment variables.
 * @throws ConfigError naming every bad variable and why.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // a database URL may hold a password: never echo it
    const shown = (name: string) => (name === 'DATABASE_URL' ? '"(hidden)"' : JSON.stringify(env[name]));
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}=${shown(String(issue.path[0]))}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    dbFile: e.DB_FILE ?? path.join(dataDir, 'qingbo.sqlite'),
    databaseUrl: e.DATABASE_URL,
    workers: e.WORKERS,
    clientDist: path.resolve(e.CLIENT_DIST),
    logLevel: e.LOG_LEVEL,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/$/, ''),
    tileCacheMb: e.TILE_CACHE_MB,
    basemap: e.BASEMAP,
    publicRead: e.PUBLIC_READ,
    sessionHours: e.SESSION_HOURS,
    loginAttemptsPerMinute: e.LOGIN_ATTEMPTS_PER_MINUTE,
    tiandituKey: e.TIANDITU_KEY,
    uploadDir: path.resolve(e.UPLOAD_DIR ?? path.join(dataDir, 'uploads')),
    clockRefreshMinutes: e.CLOCK_REFRESH_MINUTES,
    open311RatePerMinute: e.OPEN311_RATE_LIMIT,
    open311Type: e.OPEN311_TYPE,
    open311Contact: e.OPEN311_CONTACT,
    sseHeartbeatMs: 20_000,
    sseSessionCheckMs: 30_000,
    corsOrigins: e.CORS_ORIGINS,
    ogcRequireIfMatch: e.OGC_REQUIRE_IF_MATCH,
    webhookHosts: e.WEBHOOK_HOSTS,
  };
}

/** A configuration for tests: in-memory database, uploads in a fresh temporary folder, no listening port. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  const uploadDir = path.join(os.tmpdir(), `qingbo-test-uploads-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`);
  return { ...loadConfig({}), dbFile: ':memory:', logLevel: 'silent', uploadDir, ...overrides };
}
