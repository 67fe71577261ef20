import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary } from '@shared/cases';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-accounts';
import { actAsClient, browserSkipReason, launchBrowser, openPage, SCREENSHOT_DIR, signInThroughForm, startE2eServer, type MapHandle } from './browser';
import { apiAs, placeDevice } from './cases';
import { startDeadSpot, type DeadSpot } from './deadSpot';

/** What the tests read of the page's globals (the test's own types have no DOM). */
interface Browser {
  navigator: { serviceWorker: { controller: object | null } };
  caches: { keys(): Promise<string[]>; open(name: string): Promise<{ keys(): Promise<{ url: string }[]> }> };
}

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the service worker browser test: ${skipReason}`);

/** A spot on 中山中路 in 柳翠井巷社区. */
const SPOT = { lon: 120.1652, lat: 30.2455 };
/** Where the location map settles after the device fix: on the spot (rounded), at the zoom a fix is shown at. */
const SPOT_AT_Z17 = { lon: 120.1652, lat: 30.2455, zoom: 17, tilesLoaded: true };

/** The location map's centre, zoom and whether every tile in view has loaded. */
function mapSettledAt(page: Page) {
  return page.evaluate(() => {
    const map = (globalThis as unknown as { __qingboMap?: MapHandle & { getCenter(): { lng: number; lat: number }; getZoom(): number; areTilesLoaded(): boolean } }).__qingboMap;
    if (!map) return null;
    const c = map.getCenter();
    return { lon: Math.round(c.lng * 1e4) / 1e4, lat: Math.round(c.lat * 1e4) / 1e4, zoom: Math.round(map.getZoom()), tilesLoaded: map.areTilesLoaded() };
  });
}

/** How many features the location map has drawn. */
function drawnFeatureCount(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as { __qingboMap: { queryRenderedFeatures(): unknown[] } }).__qingboMap.queryRenderedFeatures().length);
}

const CLEAR = { inView: true, onTop: true, overlapsOther: false };

/** Whether the element `selector` is inside the viewport, the topmost element at its centre, and clear of `other`'s box. */
function reachable(page: Page, selector: string, other: string) {
  return page.evaluate(({ selector, other }) => {
    type Box = { top: number; bottom: number; left: number; right: number };
    const doc = (globalThis as unknown as { document: { querySelector(s: string): { getBoundingClientRect(): Box; contains(n: unknown): boolean }; elementFromPoint(x: number, y: number): unknown } }).document;
    const view = globalThis as unknown as { innerHeight: number; innerWidth: number };
    const el = doc.querySelector(selector);
    const a = el.getBoundingClientRect();
    const b = doc.querySelector(other).getBoundingClientRect();
    return {
      inView: a.top >= 0 && a.left >= 0 && a.bottom <= view.innerHeight && a.right <= view.innerWidth,
      onTop: el.contains(doc.elementFromPoint((a.left + a.right) / 2, (a.top + a.bottom) / 2)),
      overlapsOther: a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom,
    };
  }, { selector, other });
}

/** Requests that fail because the test cut the network, and the 401 of a page opened before sign-in. */
const expectedNoise = (e: string) => /ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED|ERR_CONNECTION_(RESET|REFUSED|CLOSED)|ERR_EMPTY_RESPONSE|ERR_FAILED|Failed to fetch|Failed to load resource/.test(e);

describe.skipIf(skipReason !== undefined)('opening the app and filing a case with no network at all, through the service worker, in chromium', () => {
  let running: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let spot: DeadSpot;
  const url = (p: string) => `${spot.url}${p}`;

  beforeAll(async () => {
    running = await startE2eServer();
    spot = await startDeadSpot(running.server.url);
    browser = await launchBrowser({ width: 390, height: 844 });
    await placeDevice(browser.context, spot.url, SPOT);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await spot?.close();
    await running?.close();
  });

  it('serves /sw.js without a long cache and with the app’s CSP', async () => {
    const res = await fetch(`${running.server.url}/sw.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toContain("worker-src 'self'");
    expect(await res.text()).toContain('assets/index-');
  });

  it('after one visit to /cases/new, opens it and its map from the service worker, files a case picked on the map once when the network returns, and answers a duplicate warning on the phone', async () => {
    const description = `死角离线上报：井盖缺失 ${Date.now()}`;
    const supervisor = await apiAs(running.server.url, 'supervisor', 311);
    const { page, errors } = await openPage(browser.context);
    await actAsClient(page, 312);
    await page.goto(url('/login'));
    await signInThroughForm(page, 'inspector', DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/cases/new', { timeout: 15_000 });
    expect(new URL(page.url()).search, 'the inspector lands on filing with no ?redirect= asked').toBe('');

    await expect.poll(() => page.locator('.location-picker__status').textContent(), { timeout: 20_000 }).toContain('±12 米');
    await expect.poll(() => mapSettledAt(page), { timeout: 30_000 }).toEqual(SPOT_AT_Z17);
    // A first visit: the service worker often takes over only after the map has drawn; the map then asks again through it.
    await page.waitForFunction(() => (globalThis as unknown as Browser).navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    const cached = (name: string) => page.evaluate(async (n) => (await (await (globalThis as unknown as Browser).caches.open(n)).keys()).map((r) => new URL(r.url).pathname), name);
    await expect.poll(async () => (await cached('qingbo-user-v1')).sort(), { timeout: 20_000 }).toEqual(['/api/auth/me', '/api/cases/categories']);
    const mapCopies = async () => {
      const paths = await cached('qingbo-map-v1');
      return { catalogue: paths.includes('/api/layers'), style: paths.includes('/styles/console.json'), tilesAtZ17: paths.some((p) => /\/17\/\d+\/\d+\.mvt$/.test(p)) };
    };
    await expect.poll(mapCopies, { timeout: 20_000 }).toEqual({ catalogue: true, style: true, tilesAtZ17: true });

    spot.cut();
    await browser.context.setOffline(true);
    const reach = await page.evaluate(() => fetch('/api/health').then(() => 'reached', () => 'unreachable'));
    expect(reach, 'the server cannot be reached from the page').toBe('unreachable');

    const response = await page.reload();
    expect(response?.fromServiceWorker(), 'the page came from the service worker').toBe(true);
    await page.locator('[data-testid="offline-status"] .offline-status__badge').waitFor({ timeout: 20_000 });
    await expect(page.locator('[data-testid="offline-status"]').textContent()).resolves.toContain('离线');

    await page.locator('.location-picker__map .map-view[data-map-ready="true"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.location-picker__status').textContent(), { timeout: 20_000 }).toContain('±12 米');
    await expect.poll(() => mapSettledAt(page), { timeout: 30_000 }).toEqual(SPOT_AT_Z17);
    await expect(page.locator('.point-map__state[role="alert"]').count(), 'no “地图加载失败”').resolves.toBe(0);
    expect(await drawnFeatureCount(page), 'the basemap is drawn from the cached tiles').toBeGreaterThan(0);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-offline-map.png') });

    const box = (await page.locator('.location-picker__map canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2 + 40, box.y + box.height / 2 - 30);
    await expect.poll(() => page.locator('.location-picker__status').textContent()).toContain('已在地图上选点');
    const [lon, lat] = (await page.locator('[data-testid="place"] div:last-child dd').textContent())!.split(',').map(Number) as [number, number];
    expect(Math.hypot(lon - SPOT.lon, lat - SPOT.lat), 'the tapped point, not the device’s').toBeGreaterThan(1e-4);

    await page.getByLabel('搜索类别').fill('井盖');
    const category = (await page.locator('button[data-code]').first().getAttribute('data-code'))!;
    await page.locator('button[data-code]').first().click();
    await page.locator('[data-testid="category-chosen"]').waitFor();
    await page.getByLabel('问题描述').fill(description);
    await page.getByRole('button', { name: '保存，联网后发送' }).click();
    await page.locator('[data-testid="queued"]').waitFor({ timeout: 10_000 });
    await expect(page.locator('[data-testid="offline-queued"]').textContent()).resolves.toBe('1 条案件待发送');

    const search = `/api/cases?q=${encodeURIComponent(description)}`;
    expect((await supervisor.get<{ total: number }>(search)).total, 'nothing reached the server while offline').toBe(0);

    spot.restore();
    await browser.context.setOffline(false);
    await page.locator('.filed-result[data-state="sent"]').waitFor({ timeout: 30_000 });
    const number = await page.locator('[data-testid="filed-number"]').textContent();

    // Background Sync and the page's own retry may both run: the idempotency key files it once.
    await new Promise((r) => setTimeout(r, 3_000));
    const after = await supervisor.get<{ cases: CaseSummary[]; total: number }>(search);
    expect(after.total, 'filed exactly once').toBe(1);
    expect(after.cases[0]).toMatchObject({ number, state: 'reported', category: { code: category } });
    expect(Math.abs(after.cases[0]!.lon - lon)).toBeLessThan(2e-6);
    expect(Math.abs(after.cases[0]!.lat - lat)).toBeLessThan(2e-6);
    await expect(page.locator('[data-testid="offline-queued"]').count()).resolves.toBe(0);

    // Another case of the same category at the same point: the warning's answer is never under the sticky submit button.
    await page.locator('[data-action="another"]').click();
    await page.getByLabel('搜索类别').fill('井盖');
    await page.locator(`button[data-code="${category}"]`).click();
    await page.getByLabel('问题描述').fill(`${description}（另一处）`);
    const fileAnyway = page.locator('[data-action="file-anyway"]');
    await fileAnyway.waitFor({ timeout: 20_000 });
    await expect(page.locator('.duplicate-warning__item').first().getAttribute('data-case')).resolves.toBe(number);
    await page.getByRole('button', { name: '上报', exact: true }).click();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { className: string } | null } }).document.activeElement?.className)).toContain('duplicate-warning');
    expect(await reachable(page, '[data-action="file-anyway"]', '.case-new__submit'), 'after submit: in view, on top, clear of the submit button').toEqual(CLEAR);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-duplicate-warning.png') });
    // where a sticky button sits: the answer scrolled to the window's bottom edge
    await fileAnyway.evaluate((el) => {
      const button = el as unknown as { getBoundingClientRect(): { bottom: number }; closest(s: string): { scrollTop: number } };
      button.closest('.case-new').scrollTop += button.getBoundingClientRect().bottom - (globalThis as unknown as { innerHeight: number }).innerHeight + 1;
    });
    expect(await reachable(page, '[data-action="file-anyway"]', '.case-new__submit'), 'at the bottom edge of the window').toEqual(CLEAR);
    await fileAnyway.click();
    await page.locator('.duplicate-warning__ack').waitFor();

    expect(errors.filter((e) => !expectedNoise(e))).toEqual([]);
    await page.close();
  }, 180_000);

  it('empties the user’s offline copies when they sign out', async () => {
    const { page } = await openPage(browser.context);
    await page.goto(url('/cases/new'));
    await page.waitForFunction(() => (globalThis as unknown as Browser).navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    // what the user's caches hold, as "cache path": an emptied cache may be opened again, empty, by Workbox's expiration
    // bookkeeping of a request answered just before the sign-out (it opens the cache to delete expired entries)
    const userCopies = () => page.evaluate(async () => {
      const { caches } = globalThis as unknown as Browser;
      const names = (await caches.keys()).filter((k) => k.startsWith('qingbo-user') || k.startsWith('qingbo-map'));
      const held = await Promise.all(names.map(async (name) => (await (await caches.open(name)).keys()).map((r) => `${name} ${new URL(r.url).pathname}`)));
      return held.flat();
    });
    await expect.poll(userCopies).toContain('qingbo-user-v1 /api/auth/me');

    // Leave the app for a page it does not run on (still under the worker): a map left open keeps loading public tiles,
    // which a visitor may cache again after the sign-out, and the login page asks /api/auth/me (a visitor's `null`,
    // cached too). What must go is the signed-in user's copies, so nothing may ask for anything while the test looks.
    await page.goto(url('/api/health'));
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as Browser).navigator.serviceWorker.controller !== null)).toBe(true);
    const status = await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST' }).then((r) => r.status));
    expect(status).toBe(204);
    await expect.poll(userCopies).toEqual([]);
    const precached = await page.evaluate(async () => (await (globalThis as unknown as Browser).caches.keys()).some((k) => k.startsWith('workbox-precache')));
    expect(precached, 'the app shell stays').toBe(true);
    await page.close();
  }, 60_000);
});
