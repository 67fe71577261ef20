import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/src/config';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-accounts';
import { startServer, type RunningServer } from '../../server/src/server';
import { MAP_READY_MARK } from '../../client/src/maplibre/context';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, DATA_DIR, signInOverApi } from '../../tests/e2e/browser';

/** A console page whose load is measured, and who opens it. */
export interface MeasuredPage {
  /** Path of the page, e.g. `/map`. */
  path: string;
  /** Demo account that opens it; anonymous when omitted. */
  user?: string;
  /** Budget of main-thread JavaScript transferred before the map first draws, in bytes. */
  budgetBytes: number;
}

/** The pages of issue #17's bundle budget: the planner's map, filing a case in the field, the leader's big screen. */
export const BUDGET_PAGES: MeasuredPage[] = [
  { path: '/map', budgetBytes: 400 * 1024 },
  { path: '/cases/new', user: 'inspector', budgetBytes: 300 * 1024 },
  { path: '/overview', user: 'leader', budgetBytes: 450 * 1024 },
];

/** Chrome DevTools' "Slow 4G" profile: 150 ms round trip, 1.6 Mbps down, 750 Kbps up. */
export const SLOW_4G = { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

/** Throttling of one measured load. */
export interface Throttling {
  /** CPU slowdown factor (`Emulation.setCPUThrottlingRate`). */
  cpuRate: number;
  /** Network profile (`Network.emulateNetworkConditions`). */
  network: typeof SLOW_4G;
}

/** What one cold load of a page measured. */
export interface PageLoad {
  /** Milliseconds from navigation start to the map's first draw with every tile in view (the MapView's mark). */
  timeToMapMs: number;
  /** Main-thread JavaScript transferred before that moment (headers and compressed bodies), in bytes. */
  scriptBytes: number;
  /** Body bytes of that JavaScript once decoded. */
  scriptDecodedBytes: number;
  /** Number of such scripts. */
  scripts: number;
  /** Milliseconds from navigation start until the last of those scripts had arrived. */
  scriptsDoneMs: number;
  /** Each such script: its path and transferred bytes, largest first. */
  scriptList: { path: string; bytes: number }[];
  /** Stylesheets transferred before that moment, in bytes. */
  cssBytes: number;
  /**
   * Everything the page itself transferred before that moment (scripts, styles, API, fonts), in bytes; the tiles
   * are fetched by MapLibre's worker and not counted.
   */
  totalBytes: number;
}

interface Entry { name: string; initiatorType: string; transferSize: number; decodedBodySize: number; responseEnd: number }

/**
 * Worker scripts run off the main thread: they are not part of the main-thread budget. MapLibre's is its
 * `maplibre-gl-worker.mjs` (imported `?url`, so it keeps its name and extension), ours are `*.worker.ts` entries.
 */
const WORKER_SCRIPT = /\/(?:maplibre-gl-worker-[^/]+\.mjs|[^/]+\.worker-[^/]+\.js)(?:\?|$)/;

/** Sums the resource timing entries a page had finished by the time its map was drawn. */
export function summarize(entries: Entry[], mapReadyAt: number): Omit<PageLoad, 'timeToMapMs'> {
  const before = entries.filter((e) => e.responseEnd <= mapReadyAt);
  const scripts = before.filter((e) => /\.m?js(\?|$)/.test(new URL(e.name).pathname) && !WORKER_SCRIPT.test(e.name));
  const sum = (list: Entry[], key: 'transferSize' | 'decodedBodySize') => list.reduce((s, e) => s + e[key], 0);
  return {
    scriptBytes: sum(scripts, 'transferSize'),
    scriptDecodedBytes: sum(scripts, 'decodedBodySize'),
    scripts: scripts.length,
    scriptsDoneMs: Math.max(0, ...scripts.map((e) => e.responseEnd)),
    scriptList: scripts.map((e) => ({ path: new URL(e.name).pathname, bytes: e.transferSize })).sort((a, b) => b.bytes - a.bytes),
    cssBytes: sum(before.filter((e) => /\.css(\?|$)/.test(new URL(e.name).pathname)), 'transferSize'),
    totalBytes: sum(before, 'transferSize'),
  };
}

/** The flags of tests/e2e/browser.ts (WebGL on SwiftShader in a container), plus a choice about service workers. */
async function launchChromium(serviceWorker: boolean) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-pageload-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader'],
    viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
    serviceWorkers: serviceWorker ? 'allow' : 'block',
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens `page` once in a fresh chromium profile (cold cache, no service worker yet), optionally throttled,
 * and measures until the map's first full draw. With `serviceWorker: false` the app's service worker (which registers
 * and precaches on the first visit) is blocked: responses it serves have no `transferSize`.
 */
export async function measurePageLoad(baseUrl: string, page: MeasuredPage, options: { throttling?: Throttling; serviceWorker?: boolean } = {}, clientNo = 200): Promise<PageLoad> {
  const { throttling, serviceWorker = true } = options;
  const browser = await launchChromium(serviceWorker);
  try {
    if (page.user) {
      const cookie = await signInOverApi(baseUrl, page.user, DEMO_PASSWORD, clientNo);
      const [name, value] = cookie.split('=') as [string, string];
      await browser.context.addCookies([{ name, value, url: baseUrl }]);
    }
    const tab = await browser.context.newPage();
    await tab.addInitScript(() => performance.setResourceTimingBufferSize(100_000));
    const cdp = await browser.context.newCDPSession(tab);
    await cdp.send('Network.enable');
    if (throttling) {
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...throttling.network });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttling.cpuRate });
    }
    await tab.goto(`${baseUrl}${page.path}`, { waitUntil: 'commit' });
    const result = await tab.waitForFunction((mark): { at: number; entries: Entry[] } | false => {
      const ready = performance.getEntriesByName(mark)[0];
      if (!ready) return false;
      const entries = performance.getEntriesByType('resource').map((e) => {
        const r = e as unknown as Entry;
        return { name: r.name, initiatorType: r.initiatorType, transferSize: r.transferSize, decodedBodySize: r.decodedBodySize, responseEnd: r.responseEnd };
      });
      return { at: ready.startTime, entries };
    }, MAP_READY_MARK, { timeout: 180_000, polling: 250 });
    const measured = await result.jsonValue();
    if (!measured) throw new Error(`${page.path}: the map-ready mark vanished`);
    const { at, entries } = measured;
    if (new URL(tab.url()).pathname !== page.path) throw new Error(`${page.path} ended on ${tab.url()}`);
    return { timeToMapMs: at, ...summarize(entries, at) };
  } finally {
    await browser.close();
  }
}

/** A server the page loads are measured against. */
export interface BenchServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A console server over a fresh copy of the demo data, serving the client build in `clientDist`: this checkout's,
 * in this process, or (with `serverRoot`, e.g. a `git worktree` of an older commit) that checkout's server as a
 * child process, so that a "before" build is served as it was then.
 */
export async function startBenchServer(clientDist: string, serverRoot?: string): Promise<BenchServer> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-pageload-'));
  const env = { HOST: '127.0.0.1', DATA_DIR, DB_FILE: path.join(tmp, 'qingbo.sqlite'), LOG_LEVEL: 'warn', CLIENT_DIST: clientDist };
  const cleanUp = () => fs.rmSync(tmp, { recursive: true, force: true });
  if (!serverRoot) {
    const server: RunningServer = await startServer(loadConfig({ ...env, PORT: '0' }));
    return { url: server.url, close: async () => { await server.close(); cleanUp(); } };
  }
  const port = String(40000 + Math.floor(Math.random() * 20000));
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(serverRoot, 'server/src/index.ts')], {
    cwd: serverRoot, env: { ...process.env, ...env, PORT: port }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (proc.exitCode === null) await new Promise((resolve) => { proc.once('exit', resolve); proc.kill('SIGTERM'); });
    cleanUp();
  };
  for (const end = Date.now() + 180_000; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
    if (proc.exitCode !== null) break;
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return { url, close };
  }
  await close();
  throw new Error(`the server of ${serverRoot} did not start`);
}

/** `--dist=PATH` from the command line (a client build elsewhere, e.g. of an older commit), if given. */
export function distArgument(): string | undefined {
  const arg = process.argv.find((a) => a.startsWith('--dist='));
  return arg ? path.resolve(arg.slice('--dist='.length)) : undefined;
}

/** Median of a sample. */
export function median(sample: number[]): number {
  const sorted = [...sample].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Bytes as KB with one decimal. */
export const kb = (bytes: number) => (bytes / 1024).toFixed(1);
