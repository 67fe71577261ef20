import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig, PROJECT_ROOT } from '../../server/src/config';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-accounts';
import { startServer, type RunningServer } from '../../server/src/server';
import { buildClient, clientBuildIsStale } from '../../scripts/client-build';
import { copySeededDatabase } from './demo-database';

/** Debian's chromium, as `.ci/run` installs it. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags that let headless chromium render WebGL on SwiftShader in a container. */
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader',
];

/**
 * Why browser tests cannot run here, or undefined when they can. In CI (`CI` set) they always run,
 * so a missing browser fails the suite instead of skipping it.
 */
export function browserSkipReason(): string | undefined {
  if (process.env.CI) return undefined;
  return fs.existsSync(CHROMIUM_PATH) ? undefined : `${CHROMIUM_PATH} is missing (apt-get install chromium fonts-noto-cjk)`;
}

/**
 * A chromium with a fresh profile; `close` also deletes the profile. `serviceWorkers: 'block'` keeps the
 * console's service worker out (route interception does not see the requests a service worker makes).
 */
export async function launchBrowser(
  viewport = { width: 1280, height: 800 },
  options: { serviceWorkers?: 'allow' | 'block' } = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: options.serviceWorkers ?? 'allow',
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** How long a browser file waits for the run's client build (tests/global-setup-e2e.ts) before it gives up. */
const CLIENT_BUILD_TIMEOUT = 240_000;

/**
 * Makes sure client/dist is built. Under vitest the e2e project's global setup builds it once for the run and names
 * a status file in `QINGBO_CLIENT_BUILD_STATUS`: this waits for that build and fails if it failed. Elsewhere (the
 * benchmarks) it builds with Vite's API when client/dist is missing or stale.
 */
export async function ensureClientBuilt(): Promise<void> {
  const status = process.env.QINGBO_CLIENT_BUILD_STATUS;
  if (!status) {
    if (clientBuildIsStale()) await buildClient();
    return;
  }
  for (const end = Date.now() + CLIENT_BUILD_TIMEOUT; !fs.existsSync(status); await new Promise((r) => setTimeout(r, 200))) {
    if (Date.now() > end) throw new Error(`the client build did not finish within ${CLIENT_BUILD_TIMEOUT / 1000} s`);
  }
  const { code } = JSON.parse(fs.readFileSync(status, 'utf8')) as { code: number };
  if (code !== 0) throw new Error(`the client build failed (exit code ${code}); its output is above`);
}

/** The demo data folder; QINGBO_E2E_DATA_DIR points elsewhere (e.g. a fixture) when set. */
export const DATA_DIR = process.env.QINGBO_E2E_DATA_DIR ?? path.join(PROJECT_ROOT, 'data');
/**
 * Where screenshots go: a temporary folder, or the folder `QINGBO_SCREENSHOT_DIR` names
 * (`npm run screenshots` points it at docs/screenshots to refresh the docs).
 */
export const SCREENSHOT_DIR = process.env.QINGBO_SCREENSHOT_DIR
  ? path.resolve(process.env.QINGBO_SCREENSHOT_DIR)
  : fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-screenshots-'));
const MAP_READY_TIMEOUT = 60_000;

/** The built client served by a server on a free port over a fresh copy of the demo data; `close` removes it all. */
export async function startE2eServer(): Promise<{ server: RunningServer; close(): Promise<void> }> {
  if (!fs.existsSync(path.join(DATA_DIR, 'layers.json'))) throw new Error(`no layer catalogue at ${DATA_DIR}/layers.json`);
  await ensureClientBuilt();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-e2e-'));
  await copySeededDatabase(DATA_DIR, path.join(tmp, 'qingbo.sqlite'));
  const server = await startServer(loadConfig({
    PORT: '0', HOST: '127.0.0.1', DATA_DIR, DB_FILE: path.join(tmp, 'qingbo.sqlite'), LOG_LEVEL: 'warn',
  }));
  return {
    server,
    close: async () => {
      await server.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a page that records console errors, uncaught exceptions and 4xx/5xx responses
 * (a 204 for an empty tile is not one).
 */
export async function openPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const at = errors.push(msg.text()) - 1;
    // MapLibre logs a tile's failure with the error its web worker sent, rebuilt as a plain object: the console shows
    // only its (minified) class name, e.g. "Ar" for AJAXError. Its own fields (status, statusText, url) are added when
    // they can be read; until then, and if they cannot, the bare text stays (and still counts).
    const [first] = msg.args();
    void first?.evaluate((value) => {
      if (value === null || typeof value !== 'object') return null;
      const plain = Object.entries(value as Record<string, unknown>).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v));
      return plain.length ? JSON.stringify(Object.fromEntries(plain)) : null;
    }).then((fields) => {
      if (fields) errors[at] = `${errors[at]} ${fields}`;
    }, () => undefined);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.url()}`);
  });
  return { page, errors };
}

/** Waits until the map's style has loaded and every tile in view is drawn. */
export async function waitForMapReady(page: Page): Promise<void> {
  await page.locator('.map-view[data-map-ready="true"]').waitFor({ state: 'attached', timeout: MAP_READY_TIMEOUT });
}

/** The subset of the MapLibre map the tests call through `window.__qingboMap`. */
export interface MapHandle {
  queryRenderedFeatures(options: { layers: string[] }): { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[];
  getStyle(): { layers: { id: string; type: string; layout?: Record<string, unknown> }[] };
  getLayoutProperty(layerId: string, name: string): unknown;
  project(lngLat: [number, number]): { x: number; y: number };
  jumpTo(options: { center: [number, number]; zoom: number }): void;
  once(type: 'idle', listener: () => void): void;
  triggerRepaint(): void;
}

/** Moves the map and resolves once it has drawn every tile in view. */
export async function jumpAndSettle(page: Page, center: [number, number], zoom: number): Promise<void> {
  await page.evaluate(({ center, zoom }) => new Promise<void>((resolve) => {
    const map = (globalThis as unknown as { __qingboMap?: MapHandle }).__qingboMap;
    if (!map) throw new Error('window.__qingboMap is missing');
    map.once('idle', () => resolve());
    map.jumpTo({ center, zoom });
    map.triggerRepaint();
  }), { center, zoom });
}

/**
 * Makes the page's requests come from their own client address (the server trusts
 * X-Forwarded-For from loopback), so many sign-ins in one test stay under the per-address
 * login throttle, as they would from many desks.
 */
export async function actAsClient(page: Page, n: number): Promise<void> {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientAddress(n) });
}

/** A test client's address: 10.0.{n / 250}.{n % 250 + 1}. */
export function clientAddress(n: number): string {
  return `10.0.${Math.floor(n / 250)}.${(n % 250) + 1}`;
}

/** Fills the login form and submits it with Enter, as a user would. */
export async function signInThroughForm(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('密码', { exact: true }).press('Enter');
}

/**
 * Signs in through the login form as a demo account (the planner by default) from client
 * address `n`, lands on /map and waits until the map has drawn.
 */
export async function openMapAs(page: Page, baseUrl: string, n: number, username = 'planner'): Promise<void> {
  await actAsClient(page, n);
  await page.goto(`${baseUrl}/login?redirect=/map`);
  await signInThroughForm(page, username, DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname === '/map', { timeout: 15_000 });
  await waitForMapReady(page);
}

/** Signs in over the API (from client address `n`); returns the `Cookie` header value of the session. */
export async function signInOverApi(baseUrl: string, username: string, password: string, n: number): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': clientAddress(n) },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('qingbo_session='));
  if (!cookie) throw new Error('login set no qingbo_session cookie');
  return cookie.split(';')[0]!;
}
