import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-accounts';
import { browserSkipReason, jumpAndSettle, launchBrowser, openMapAs, openPage, SCREENSHOT_DIR, signInOverApi, startE2eServer } from './browser';
import { apiAs, signInAs } from './cases';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the live map browser test: ${skipReason}`);

/** The garbage room the planner has selected, and beside it where the map looks and the new case is filed. */
const ROOM_NAME = '荷花池头生态垃圾房';
const SPOT = { lon: 120.1598, lat: 30.2443 };

/** What the test reads of the live map through `window.__qingboMap`. */
interface LiveMapHandle {
  getCenter(): { lng: number; lat: number };
  getZoom(): number;
  isMoving(): boolean;
  queryRenderedFeatures(): { properties: Record<string, unknown> }[];
}

function view(page: Page): Promise<{ lng: number; lat: number; zoom: number; moving: boolean }> {
  return page.evaluate(() => {
    const map = (globalThis as unknown as { __qingboMap: LiveMapHandle }).__qingboMap;
    return { ...map.getCenter(), zoom: map.getZoom(), moving: map.isMoving() };
  });
}

/** The values of a property over every feature drawn on the map now. */
function drawn(page: Page, property: string): Promise<string[]> {
  return page.evaluate((key) => (globalThis as unknown as { __qingboMap: LiveMapHandle }).__qingboMap
    .queryRenderedFeatures().map((f) => String(f.properties[key] ?? '')).filter(Boolean), property);
}

/** Polls until `check` holds; resolves with the milliseconds it took (reported, not asserted: speed goes in benches). */
async function timeUntil(check: () => Promise<boolean>, timeout = 15_000): Promise<number> {
  const start = Date.now();
  await expect.poll(check, { timeout, interval: 50 }).toBe(true);
  return Date.now() - start;
}

describe.skipIf(skipReason !== undefined)('the map is live (#15 item 1)', () => {
  let running: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    running = await startE2eServer();
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('shows a case filed and a feature edited by other users on an open /map without a reload, keeping view, selection and counts true; finds the case by number', async () => {
    const base = running.server.url;
    // a garbage room near the spot, to be selected: the selection must outlive the live updates
    const rooms = (await (await fetch(`${base}/ogc/collections/garbage-rooms/items?limit=1000`)).json()) as FeatureCollection;
    const room = rooms.features.find((f) => f.properties?.name === ROOM_NAME)!;
    expect(room).toBeDefined();
    const { page, errors } = await openPage(browser.context);
    await openMapAs(page, base, 440);
    await page.goto(`${base}/map?sel=garbage-rooms/${String(room.id)}`);
    await page.locator('.map-view[data-map-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    await page.getByTestId('details-panel').waitFor();
    await page.getByLabel('显示 城管案件').check();
    await jumpAndSettle(page, [SPOT.lon, SPOT.lat], 17.5);
    const casesCount = page.locator('[data-layer-id="cases"] .layer-item__count');
    const countBefore = Number((await casesCount.textContent())!.replace(/\D/g, ''));
    expect(countBefore).toBeGreaterThan(2000);
    const before = await view(page);

    // an inspector files a case in view, through the API
    const inspector = await apiAs(base, 'inspector', 442);
    const filed = await inspector.post('/api/cases', { category: 'E01-03', ...SPOT, description: '实时地图测试：路面油污', idempotencyKey: crypto.randomUUID() });
    expect(filed.status).toBe(201);
    const number = ((await filed.json()) as { case: { number: string } }).case.number;
    const caseMs = await timeUntil(async () => (await drawn(page, 'number')).includes(number));
    await expect.poll(async () => Number((await casesCount.textContent())!.replace(/\D/g, '')), { timeout: 10_000 }).toBe(countBefore + 1);

    // another editor renames the selected garbage room, through the OGC API
    const newName = `实时更新测试垃圾房 ${Date.now() % 10_000}`;
    const admin = await signInOverApi(base, 'admin', DEMO_PASSWORD, 441);
    const patched = await fetch(`${base}/ogc/collections/garbage-rooms/items/${String(room.id)}`, {
      method: 'PATCH',
      headers: { Cookie: admin, Origin: base, 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ properties: { name: newName } }),
    });
    expect(patched.status).toBe(200);
    const editMs = await timeUntil(async () => (await drawn(page, 'name')).includes(newName));
    console.info(`live map: case on /map after ${caseMs} ms, edit after ${editMs} ms`);

    const after = await view(page);
    expect(after.zoom).toBeCloseTo(before.zoom, 6);
    expect(after.lng).toBeCloseTo(before.lng, 9);
    expect(after.lat).toBeCloseTo(before.lat, 9);
    expect(new URL(page.url()).searchParams.get('sel')).toBe(`garbage-rooms/${String(room.id)}`);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'map-live.png') });

    // the search finds the new case by its number and shows it at street zoom
    const box = page.getByRole('combobox', { name: '搜索要素' });
    await box.click();
    await box.pressSequentially(number.toLowerCase());
    const option = page.getByRole('listbox').getByRole('option').first();
    await expect.poll(() => option.textContent(), { timeout: 15_000 }).toContain(number);
    await box.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('sel'), { timeout: 10_000 }).toMatch(/^cases\//);
    await expect.poll(async () => (await view(page)).moving, { timeout: 10_000 }).toBe(false);
    expect((await view(page)).zoom).toBeCloseTo(17, 1);

    expect(errors).toEqual([]);
    await page.close();
  });

  it('reloads the overview map\'s tiles when a case is filed', async () => {
    const base = running.server.url;
    const { page, errors } = await openPage(browser.context);
    await signInAs(page, base, 'leader', 450, '/overview');
    await page.locator('.map-view[data-map-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    const tileJson = page.waitForRequest((r) => /\/tiles\/[^/]*cases[^/]*\.json/.test(r.url()), { timeout: 15_000 });
    const inspector = await apiAs(base, 'inspector', 451);
    const filed = await inspector.post('/api/cases', { category: 'E01-03', ...SPOT, description: '实时大屏测试', idempotencyKey: crypto.randomUUID() });
    expect(filed.status).toBe(201);
    await tileJson;
    expect(errors).toEqual([]);
    await page.close();
  });
});
