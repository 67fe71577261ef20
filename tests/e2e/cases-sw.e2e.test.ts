import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary } from '@shared/cases';
import { browserSkipReason, launchBrowser, openPage, startE2eServer } from './browser';
import { apiAs, placeDevice, signInAs } from './cases';
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

  it('opens /cases/new from the service worker after one visit, queues a case and files it once when the network returns', async () => {
    const description = `死角离线上报：井盖缺失 ${Date.now()}`;
    const supervisor = await apiAs(running.server.url, 'supervisor', 311);
    const { page, errors } = await openPage(browser.context);
    await signInAs(page, spot.url, 'inspector', 312, '/cases');

    await page.waitForFunction(() => (globalThis as unknown as Browser).navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    const cached = () => page.evaluate(async () => (await (await (globalThis as unknown as Browser).caches.open('qingbo-user-v1')).keys()).map((r) => new URL(r.url).pathname).sort());
    await expect.poll(cached, { timeout: 20_000 }).toEqual(['/api/auth/me', '/api/cases/categories']);

    spot.cut();
    await browser.context.setOffline(true);
    const reach = await page.evaluate(() => fetch('/api/health').then(() => 'reached', () => 'unreachable'));
    expect(reach, 'the server cannot be reached from the page').toBe('unreachable');

    const response = await page.goto(url('/cases/new'));
    expect(response?.fromServiceWorker(), 'the page came from the service worker').toBe(true);
    await page.locator('[data-testid="offline-status"] .offline-status__badge').waitFor({ timeout: 20_000 });
    await expect(page.locator('[data-testid="offline-status"]').textContent()).resolves.toContain('离线');

    await expect.poll(() => page.locator('.location-picker__status').textContent(), { timeout: 20_000 }).toContain('±12 米');
    await page.getByLabel('搜索类别').fill('井盖');
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
    expect(after.cases[0]).toMatchObject({ number, state: 'reported', community: { name: '柳翠井巷社区' } });
    await expect(page.locator('[data-testid="offline-queued"]').count()).resolves.toBe(0);

    expect(errors.filter((e) => !expectedNoise(e))).toEqual([]);
    await page.close();
  }, 150_000);

  it('empties the user’s offline copies when they sign out', async () => {
    const { page } = await openPage(browser.context);
    await page.goto(url('/cases/new'));
    await page.waitForFunction(() => (globalThis as unknown as Browser).navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    const userCaches = () => page.evaluate(async () => (await (globalThis as unknown as Browser).caches.keys()).filter((k) => k.startsWith('qingbo-user') || k.startsWith('qingbo-map')));
    await expect.poll(userCaches).toContain('qingbo-user-v1');

    const status = await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST' }).then((r) => r.status));
    expect(status).toBe(204);
    await expect.poll(userCaches).toEqual([]);
    const precached = await page.evaluate(async () => (await (globalThis as unknown as Browser).caches.keys()).some((k) => k.startsWith('workbox-precache')));
    expect(precached, 'the app shell stays').toBe(true);
    await page.close();
  }, 60_000);
});
