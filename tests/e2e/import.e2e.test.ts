import gcoord from 'gcoord';
import * as turf from '@turf/turf';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserSkipReason, jumpAndSettle, launchBrowser, type MapHandle, openMapAs, openPage, startE2eServer, waitForMapReady,
} from './browser';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the import browser test: ${skipReason}`);

/** Where the new garbage room really is (WGS84, by Hefang Street), and as Amap shows it. */
const WGS = [120.1642, 30.2426] as [number, number];
const AMAP = gcoord.transform([...WGS] as [number, number], gcoord.WGS84, gcoord.GCJ02) as [number, number];
const NAME = '导入测试垃圾房';

const room = (name: string, status: string, coordinates: number[]) => ({
  type: 'Feature', geometry: { type: 'Point', coordinates },
  properties: { name, name_en: 'Imported room', capacity_t_per_day: 1.5, households_served: 300, sorting_type: 'four_kinds', status, community: '清河坊社区' },
});

function rendered(page: Page, layer: string): Promise<unknown[]> {
  return page.evaluate((id) => {
    const map = (globalThis as unknown as { __qingboMap?: MapHandle & { getLayer(id: string): unknown } }).__qingboMap;
    if (!map?.getLayer(id)) return [];
    return map.queryRenderedFeatures({ layers: [id] }).map((f) => f.properties.name ?? f.properties.ok);
  }, layer);
}

/** The tile URL template of the map's vector source drawing a layer. */
function tileUrlOf(page: Page, layer: string): Promise<string | undefined> {
  return page.evaluate((id) => {
    type Source = { tiles?: string[] };
    const map = (globalThis as unknown as { __qingboMap?: { getLayer(id: string): { source: string } | undefined; getSource(id: string): Source | undefined } }).__qingboMap!;
    const source = map.getLayer(id)?.source;
    return source ? map.getSource(source)?.tiles?.[0] : undefined;
  }, layer);
}

function center(page: Page): Promise<[number, number]> {
  return page.evaluate(() => {
    const map = (globalThis as unknown as { __qingboMap?: { getCenter(): { lng: number; lat: number } } }).__qingboMap!;
    const c = map.getCenter();
    return [c.lng, c.lat] as [number, number];
  });
}

describe.skipIf(skipReason !== undefined)('importing a GCJ-02 file on /map', () => {
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

  it('previews the converted features, imports the valid one and shows it on the map, also after a reload', async () => {
    const { page, errors } = await openPage(browser.context);
    await openMapAs(page, running.server.url, 700);

    await page.locator('[data-tool="import"]').click();
    const panel = page.getByTestId('import-panel');
    await panel.waitFor();
    await expect.poll(() => page.getByTestId('import-layer').inputValue()).toBe('garbage-rooms');
    await page.getByTestId('import-crs-gcj02').check();
    const offset = [AMAP[0] + 0.0008, AMAP[1] + 0.0004];
    const file = JSON.stringify({ type: 'FeatureCollection', features: [room(NAME, 'in_service', AMAP), room('无效垃圾房', 'burning', offset)] });
    await page.getByTestId('import-file').setInputFiles({ name: 'amap-rooms.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(file) });

    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('共 2 个要素：1 个有效，1 个无效');
    await expect.poll(async () => (await page.getByTestId('import-report').textContent()) ?? '').toMatch(/第 2 个\s*无效\s*状态：应为以下之一：规划、在建、使用中、停用/);
    expect(await page.getByTestId('import-report').textContent()).not.toMatch(/must|allowed/);
    // the preview is drawn and the map is fitted to it (near the converted, not the Amap, position)
    await expect.poll(async () => (await rendered(page, 'import-preview-point')).length).toBe(2);
    await expect.poll(async () => turf.distance(await center(page), WGS, { units: 'meters' })).toBeLessThan(150);
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);

    const tilesBefore = await tileUrlOf(page, 'garbage-rooms-circle');
    await page.getByTestId('import-commit-valid').click();
    await expect.poll(() => page.getByTestId('import-done').textContent()).toContain('已导入 1 个要素到“生态垃圾房”');
    // the source takes the new layer version from its TileJSON before the view moves: MapLibre can keep
    // a tile requested at the old version while the reload is under way (a race left for live maps, #15)
    await expect.poll(() => tileUrlOf(page, 'garbage-rooms-circle')).not.toBe(tilesBefore);
    await expect.poll(async () => (await rendered(page, 'import-preview-point')).length).toBe(0);

    const items = (await (await fetch(`${running.server.url}/ogc/collections/garbage-rooms/items?limit=1000`)).json()) as { features: { geometry: { coordinates: number[] }; properties: { name: string } }[] };
    const stored = items.features.find((f) => f.properties.name === NAME)!;
    expect(turf.distance(stored.geometry.coordinates, WGS, { units: 'meters' })).toBeLessThan(2);
    expect(items.features.some((f) => f.properties.name === '无效垃圾房')).toBe(false);

    await jumpAndSettle(page, WGS, 17);
    await expect.poll(() => rendered(page, 'garbage-rooms-circle')).toContain(NAME);
    await page.reload();
    await waitForMapReady(page);
    await jumpAndSettle(page, WGS, 17);
    await expect.poll(() => rendered(page, 'garbage-rooms-circle')).toContain(NAME);
    expect(errors).toEqual([]);
  });
});
