import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '@shared/cases';
import { browserSkipReason, jumpAndSettle, launchBrowser, openMapAs, openPage, SCREENSHOT_DIR, startE2eServer } from './browser';
import { apiAs } from './cases';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the map details browser test: ${skipReason}`);

/** The middle of the demo district, and a spot on 劳动路 for the case the dispatcher handles. */
const DISTRICT = { lon: 120.16, lat: 30.2415 };
const SPOT = { lon: 120.16671, lat: 30.24352 };

type MapLike = {
  queryRenderedFeatures(options: { layers: string[] }): { id?: number; properties: Record<string, unknown> }[];
  project(lngLat: [number, number]): { x: number; y: number };
};

/** What the map draws of the cases layer now: clusters (with their counts), single cases, count labels. */
function drawnCases(page: Page) {
  return page.evaluate(() => {
    const map = (globalThis as unknown as { __qingboMap: MapLike }).__qingboMap;
    const circles = map.queryRenderedFeatures({ layers: ['cases-circle'] });
    const clusters = circles.filter((f) => typeof f.properties.point_count === 'number');
    return {
      clusters: clusters.length,
      biggest: Math.max(0, ...clusters.map((f) => Number(f.properties.point_count))),
      singles: circles.length - clusters.length,
      counts: map.queryRenderedFeatures({ layers: ['cases-count'] }).length,
    };
  });
}

const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe.skipIf(skipReason !== undefined)('case details on /map in chromium', () => {
  let running: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let filed: CaseDetail;

  beforeAll(async () => {
    running = await startE2eServer();
    browser = await launchBrowser();
    // a registered case waiting for dispatch (the demo year's cases are all closed or rejected)
    const base = running.server.url;
    const inspector = await apiAs(base, 'inspector', 901);
    const res = await inspector.post('/api/cases', { category: 'E01-03', ...SPOT, description: '劳动路人行道有油污（地图详情测试）', idempotencyKey: randomUUID() });
    if (res.status !== 201) throw new Error(`filing failed: ${res.status} ${await res.text()}`);
    filed = ((await res.json()) as { case: CaseDetail }).case;
    const supervisor = await apiAs(base, 'supervisor', 902);
    const registered = await supervisor.post(`/api/cases/${filed.id}/actions/register`, { version: filed.version });
    if (registered.status !== 200) throw new Error(`registering failed: ${registered.status} ${await registered.text()}`);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('clusters cases at district zoom, shows a clicked case in the details panel only, and lets a dispatcher dispatch it there', async () => {
    const { page, errors } = await openPage(browser.context);
    const base = running.server.url;
    await openMapAs(page, base, 903, 'dispatcher');
    await page.locator('[data-layer-id="cases"] input[type="checkbox"]').setChecked(true);

    // the legend names every colour of the cases layer: states, deadline-clock rings, clusters
    const legend = page.locator('[data-legend-layer="cases"]');
    await legend.waitFor();
    await expect(legend.locator('[data-part="stroke"]').allTextContents()).resolves.toEqual(['外圈: 正常', '外圈: 将到期', '外圈: 已超期']);
    await expect(legend.locator('[data-part="fill"]').allTextContents()).resolves.toEqual(expect.arrayContaining(['已结案', '已反馈']));
    await expect(legend.locator('[data-part="cluster"]').count()).resolves.toBe(1);

    // district zoom: clusters with counts, not 2,878 dots
    await jumpAndSettle(page, [DISTRICT.lon, DISTRICT.lat], 14.5);
    await expect.poll(() => drawnCases(page), { timeout: 20_000 }).toMatchObject({ clusters: expect.any(Number) });
    const district = await drawnCases(page);
    expect(district.clusters).toBeGreaterThan(5);
    expect(district.biggest).toBeGreaterThan(20);
    expect(district.counts).toBeGreaterThan(5);
    expect(district.singles).toBeLessThan(district.clusters * 3);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'map-case-clusters.png') });

    // street zoom: the filed case is a single point; clicking it opens the details panel, no popup
    await jumpAndSettle(page, [SPOT.lon, SPOT.lat], 19.5);
    const target = await page.evaluate((spot) => (globalThis as unknown as { __qingboMap: MapLike }).__qingboMap.project([spot.lon, spot.lat]), SPOT);
    const canvas = await page.locator('.map-canvas canvas').boundingBox();
    await page.mouse.click(canvas!.x + target.x, canvas!.y + target.y);
    const panel = page.getByTestId('details-panel');
    await expect.poll(() => panel.locator('.details-panel__title').textContent(), { timeout: 15_000 }).toBe(filed.number);
    await expect(page.locator('.maplibregl-popup').count()).resolves.toBe(0);
    const reported = await panel.locator('[data-key="reported_at"] dd').textContent();
    expect(reported).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（北京时间）$/);
    expect(reported).not.toMatch(/T\d{2}:\d{2}|Z$/);
    const link = panel.getByTestId('case-page-link');
    await expect(link.getAttribute('href')).resolves.toBe(`/cases/${filed.number}`);

    // the dispatcher dispatches from the panel with the cases feature's own form
    await panel.locator('.case-actions__buttons button[data-action="dispatch"]').click();
    const form = panel.locator('form.action-form[data-action="dispatch"]');
    await form.locator('select[name="department"]').selectOption('sanitation');
    await form.locator('button[type="submit"]').click();
    await panel.getByTestId('case-action-done').waitFor({ timeout: 15_000 });
    await expect.poll(() => panel.locator('[data-key="state"] .status-badge').textContent(), { timeout: 15_000 }).toBe('已派遣');
    await expect(panel.locator('[data-key="department"] dd').textContent()).resolves.toBe('环卫');
    const dispatcher = await apiAs(base, 'dispatcher', 904);
    const after = (await dispatcher.get<{ case: CaseDetail }>(`/api/cases/${filed.id}`)).case;
    expect(after).toMatchObject({ state: 'dispatched', department: 'sanitation' });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'map-case-details.png') });

    // the case page the link names opens
    await link.click();
    await page.locator('[data-testid="case-number"]', { hasText: filed.number }).waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('keeps the analysis panel off the zoom buttons and the edit form above the time slider at 1280×800 and 1366×768', async () => {
    const { page, errors } = await openPage(browser.context);
    await openMapAs(page, running.server.url, 905, 'planner');
    for (const size of [{ width: 1280, height: 800 }, { width: 1366, height: 768 }]) {
      await page.setViewportSize(size);
      if (!(await page.locator('#tool-dock').isVisible())) await page.locator('.map-toolbar__button[data-tool="analysis"]').click();
      const dock = page.locator('#tool-dock');
      await dock.waitFor();
      const zoomOut = await page.locator('.maplibregl-ctrl-zoom-out').boundingBox();
      const zoomIn = await page.locator('.maplibregl-ctrl-zoom-in').boundingBox();
      const panel = await dock.boundingBox();
      expect(zoomOut && panel, `${size.width}×${size.height}`).toBeTruthy();
      expect(overlap(zoomOut!, panel!), `zoom-out under the panel at ${size.width}×${size.height}`).toBe(false);
      expect(overlap(zoomIn!, panel!), `zoom-in under the panel at ${size.width}×${size.height}`).toBe(false);
      // the zoom-out button still takes a click: nothing lies over its middle
      type Doc = { elementFromPoint(x: number, y: number): { closest(selector: string): unknown } | null };
      const hit = await page.evaluate(({ x, y }) => (globalThis as unknown as { document: Doc }).document.elementFromPoint(x, y)?.closest('.maplibregl-ctrl-zoom-out') != null,
        { x: zoomOut!.x + zoomOut!.width / 2, y: zoomOut!.y + zoomOut!.height / 2 });
      expect(hit).toBe(true);
      // however long the edit form grows, it ends above the time slider's button
      const edit = await page.getByTestId('edit-panel').evaluate((el) => {
        const panel = el as unknown as { style: { height: string }; getBoundingClientRect(): { bottom: number } };
        const before = panel.style.height;
        panel.style.height = '5000px';
        const maxBottom = panel.getBoundingClientRect().bottom;
        panel.style.height = before;
        return { maxBottom };
      });
      const slider = await page.locator('.time-slider__open').boundingBox();
      expect(edit.maxBottom, `edit panel over the time slider at ${size.width}×${size.height}`).toBeLessThan(slider!.y);
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
