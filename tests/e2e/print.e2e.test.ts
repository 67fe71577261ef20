import fs from 'node:fs';
import path from 'node:path';
import type { Feature, Point } from 'geojson';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printLayout, type Rect } from '../../client/src/features/print/layout';
import { pageFor, type PrintSize } from '../../client/src/features/print/sizes';
import { HIGHLIGHT_LAYER_IDS } from '../../client/src/features/planner/selectionHighlight';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-accounts';
import {
  actAsClient, browserSkipReason, launchBrowser, openPage, SCREENSHOT_DIR, signInThroughForm, startE2eServer, waitForMapReady, type MapHandle,
} from './browser';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the print browser test: ${skipReason}`);

const SCREENSHOT = path.join(SCREENSHOT_DIR, 'planner-print.png');

/** Geometries the highlight's ring layer draws. */
function highlighted(page: Page): Promise<{ type: string; coordinates: unknown }[]> {
  return page.evaluate((layer) => {
    const map = (globalThis as unknown as { __qingboMap?: MapHandle & { getLayer(id: string): unknown } }).__qingboMap;
    if (!map?.getLayer(layer)) return [];
    return map.queryRenderedFeatures({ layers: [layer] }).map((f) => f.geometry);
  }, HIGHLIGHT_LAYER_IDS.ring);
}

/** The text fields of the style's symbol layers (they change with the label language). */
function labelFields(page: Page): Promise<string> {
  return page.evaluate(() => {
    const map = (globalThis as unknown as { __qingboMap: MapHandle }).__qingboMap;
    return JSON.stringify(map.getStyle().layers.filter((l) => l.type === 'symbol').map((l) => l.layout?.['text-field']));
  });
}

/** The visible map's canvas size in device pixels. */
function canvasSize(page: Page): Promise<{ width: number; height: number }> {
  return page.evaluate(() => {
    const canvas = (globalThis as unknown as { __qingboMap: { getCanvas(): { width: number; height: number } } }).__qingboMap.getCanvas();
    return { width: canvas.width, height: canvas.height };
  });
}

/** Mean and standard deviation (averaged over R, G, B) of a region of a PNG. */
async function regionStats(file: string, region: Rect): Promise<{ mean: number; stdev: number; darkest: number }> {
  const box = { left: Math.round(region.x), top: Math.round(region.y), width: Math.round(region.width), height: Math.round(region.height) };
  // stats() reads the input image, not the pipeline: extract the region into its own PNG first.
  const { channels } = await sharp(await sharp(file).extract(box).png().toBuffer()).stats();
  const rgb = channels.slice(0, 3);
  return {
    mean: rgb.reduce((sum, c) => sum + c.mean, 0) / 3,
    stdev: rgb.reduce((sum, c) => sum + c.stdev, 0) / 3,
    darkest: Math.min(...rgb.map((c) => c.min)),
  };
}

/** Exports a print of the given size through the panel and returns the downloaded file's path and name. */
async function exportPrint(page: Page, size: PrintSize): Promise<{ file: string; name: string }> {
  const panel = page.getByTestId('print-panel');
  await panel.getByRole('radio', { name: size === 'view' ? /^当前视图/ : /^A4 横向/ }).check();
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await panel.getByRole('button', { name: '导出 PNG' }).click();
  const done = await download;
  await expect.poll(() => panel.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/^已下载 qingbo-map-/);
  return { file: await done.path(), name: done.suggestedFilename() };
}

describe.skipIf(skipReason !== undefined)('printing the map and highlighting the selection on /map', () => {
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

  it('highlights a selected garbage room and exports A4 and current-view PNGs with a title band, a drawn map and a legend', async () => {
    const rooms = (await (await fetch(`${running.server.url}/ogc/collections/garbage-rooms/items?limit=10`)).json()) as { features: Feature<Point>[] };
    const room = rooms.features[0]!;
    const [lon, lat] = room.geometry.coordinates as [number, number];

    const { page, errors } = await openPage(browser.context);
    await actAsClient(page, 420);
    await page.goto(`${running.server.url}/login?redirect=/map`);
    await signInThroughForm(page, 'planner', DEMO_PASSWORD);
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/map');
    await page.goto(`${running.server.url}/map?c=${lon},${lat}&z=16.5&sel=garbage-rooms/${room.id}`);
    await waitForMapReady(page);

    await page.getByTestId('details-panel').waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await highlighted(page)).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const [ring] = await highlighted(page);
    expect(ring!.type).toBe('Point');
    const [x, y] = ring!.coordinates as [number, number];
    expect(Math.abs(x - lon) + Math.abs(y - lat)).toBeLessThan(1e-5);

    await page.locator('[data-tool="print"]').click();
    const panel = page.getByTestId('print-panel');
    await expect(panel.getByLabel('标题', { exact: true }).inputValue()).resolves.toMatch(/^清波街道一张图 · \d{4}年\d{1,2}月\d{1,2}日$/);
    await panel.getByLabel('标题', { exact: true }).fill('清波街道生态垃圾房分布图');
    await panel.getByLabel('副标题或备注（可选）').fill(`演示：所选${String(room.properties?.name)}以橙色圆圈标出`);
    const visibleBefore = await canvasSize(page);

    const a4 = await exportPrint(page, 'a4-landscape');
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    fs.copyFileSync(a4.file, SCREENSHOT);
    expect(a4.name).toMatch(/^qingbo-map-\d{4}-\d{2}-\d{2}-\d{4}\.png$/);
    const meta = await sharp(a4.file).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'png', width: 1754, height: 1240 });

    const { page: a4Page, unit } = pageFor('a4-landscape', visibleBefore, true);
    const layout = printLayout(a4Page, { unit, hasSubtitle: true, legendCount: 0, legendItemWidth: 0 });
    const map = await regionStats(a4.file, layout.map);
    const band = layout.titleBand;
    const titleText = await regionStats(a4.file, { ...band, width: band.width / 2 });
    const paper = await regionStats(a4.file, { x: band.width * 0.65, y: band.y, width: band.width * 0.35 - layout.margin, height: band.height - 10 * unit });
    expect(map.stdev).toBeGreaterThan(15);
    expect(map.mean).toBeLessThan(245);
    expect(titleText.darkest).toBeLessThan(90);
    expect(paper).toEqual({ mean: 255, stdev: 0, darkest: 255 });
    expect(paper.mean - map.mean).toBeGreaterThan(10);
    const legendCorner = await regionStats(a4.file, { x: layout.map.x + 14 * unit, y: layout.map.y + layout.map.height - 60 * unit, width: 60 * unit, height: 40 * unit });
    expect(legendCorner.mean).toBeGreaterThan(map.mean);

    // The hidden A4 map left the visible one as it was.
    await expect(canvasSize(page)).resolves.toEqual(visibleBefore);
    await expect(page.locator('.maplibregl-map').count()).resolves.toBe(1);

    const view = await exportPrint(page, 'view');
    const expected = pageFor('view', visibleBefore, true).page;
    const viewMeta = await sharp(view.file).metadata();
    expect({ width: viewMeta.width, height: viewMeta.height }).toEqual(expected);
    const viewLayout = printLayout(expected, { unit: pageFor('view', visibleBefore, true).unit, hasSubtitle: true, legendCount: 0, legendItemWidth: 0 });
    expect({ width: viewLayout.map.width, height: viewLayout.map.height }).toEqual(visibleBefore);
    expect((await regionStats(view.file, viewLayout.map)).stdev).toBeGreaterThan(15);

    // Switching the language swaps the map style; the highlight comes back on the new one.
    const labelsBefore = await labelFields(page);
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await expect.poll(() => labelFields(page), { timeout: 20_000 }).not.toEqual(labelsBefore);
    await expect.poll(async () => (await highlighted(page)).length, { timeout: 15_000 }).toBeGreaterThan(0);
    await expect(panel.getByRole('button', { name: 'Export PNG' }).isVisible()).resolves.toBe(true);

    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
