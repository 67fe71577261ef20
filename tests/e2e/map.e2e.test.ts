import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser, openPage, SCREENSHOT_DIR, startE2eServer, waitForMapReady, type MapHandle } from './browser';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the map browser test: ${skipReason}`);

const SCREENSHOT = path.join(SCREENSHOT_DIR, 'map.png');

describe.skipIf(skipReason !== undefined)('the /map page in chromium', () => {
  let running: Awaited<ReturnType<typeof startE2eServer>>;
  let server: Awaited<ReturnType<typeof startE2eServer>>['server'];
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    running = await startE2eServer();
    server = running.server;
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('draws every layer, renovations and labels included, without console errors', async () => {
    const { page, errors } = await openPage(browser.context);
    await page.goto(`${server.url}/`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/map');
    await waitForMapReady(page);

    const drawn = await page.evaluate(() => {
      const map = (globalThis as unknown as { __qingboMap?: MapHandle }).__qingboMap;
      if (!map) return undefined;
      const labelLayers = map.getStyle().layers.filter((l) => l.type === 'symbol').map((l) => l.id);
      return {
        renovations: map.queryRenderedFeatures({ layers: ['alley-renovations-line'] }).length,
        labels: map.queryRenderedFeatures({ layers: labelLayers }).length,
      };
    });
    expect(drawn, 'window.__qingboMap is exposed').toBeDefined();
    expect(drawn?.renovations).toBeGreaterThan(0);
    expect(drawn?.labels, 'labels render without a glyphs URL').toBeGreaterThan(0);

    await expect.poll(() => page.locator('.layer-item').count()).toBeGreaterThan(0);
    await expect(page.locator('.layer-group__name').first().textContent()).resolves.toMatch(/[\u4e00-\u9fff]/);
    await expect(page.getByText('演示数据', { exact: true }).first().isVisible()).resolves.toBe(true);

    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows the clicked feature in the details panel (no popup), completes it from the OGC API and hides a layer when its box is unchecked', async () => {
    const { page, errors } = await openPage(browser.context);
    await page.goto(`${server.url}/map`);
    await waitForMapReady(page);
    // A whole demo year of case dots lies over the alleys: hide them (when shown) so that the click hits the alley.
    await page.locator('[data-layer-id="cases"] input[type="checkbox"]').setChecked(false);
    await expect.poll(() => page.evaluate(() => {
      const map = (globalThis as unknown as { __qingboMap?: MapHandle }).__qingboMap;
      return map?.queryRenderedFeatures({ layers: ['cases-circle'] }).length;
    }), { timeout: 10_000 }).toBe(0);

    const target = await page.evaluate(() => {
      const map = (globalThis as unknown as { __qingboMap?: MapHandle }).__qingboMap;
      const line = map?.queryRenderedFeatures({ layers: ['alley-renovations-line'] })[0];
      if (!map || !line) return undefined;
      const coords = (line.geometry.type === 'MultiLineString' ? (line.geometry.coordinates as number[][][])[0] : line.geometry.coordinates) as [number, number][];
      const [a, b] = [coords[0], coords[1] ?? coords[0]] as [[number, number], [number, number]];
      return map.project([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
    });
    expect(target).toBeDefined();
    const box = await page.locator('.map-canvas canvas').boundingBox();
    const fullFeature = page.waitForResponse((r) => /\/ogc\/collections\/alley-renovations\/items\/[^/?]+$/.test(r.url()), { timeout: 10_000 });
    await page.mouse.click(box!.x + target!.x, box!.y + target!.y);
    const popup = page.getByTestId('details-panel');
    await popup.waitFor({ timeout: 10_000 });
    await expect(page.locator('.maplibregl-popup').count()).resolves.toBe(0);

    const full = (await (await fullFeature).json()) as { properties: Record<string, unknown> };
    const listed = Object.entries(full.properties)
      .filter(([key, value]) => !['name', 'name_en'].includes(key) && value !== null && value !== '')
      .map(([key]) => key);
    expect(listed.length).toBeGreaterThan(0);
    await expect.poll(() => popup.locator('.details-panel__row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key'))))
      .toEqual(expect.arrayContaining(listed));
    const catalogue = (await (await fetch(`${server.url}/api/layers`)).json()) as { layers: { id: string; title: { zh: string } }[] };
    const title = catalogue.layers.find((l) => l.id === 'alley-renovations')?.title.zh;
    await expect(popup.locator('.details-panel__layer').textContent()).resolves.toBe(title);
    await expect(popup.locator('.details-panel__title').textContent()).resolves.toMatch(/\S/);

    await page.locator('[data-layer-id="alley-renovations"] input[type="checkbox"]').uncheck();
    await expect.poll(() => page.evaluate(() => {
      const map = (globalThis as unknown as { __qingboMap?: MapHandle }).__qingboMap;
      return map?.queryRenderedFeatures({ layers: ['alley-renovations-line'] }).length;
    }), { timeout: 10_000 }).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('switches the interface and labels to English and remembers the choice', async () => {
    const { page, errors } = await openPage(browser.context);
    await page.goto(`${server.url}/map`);
    await waitForMapReady(page);

    await page.locator('[data-layer-id="garbage-rooms"] input[type="checkbox"]').uncheck();
    await page.getByRole('button', { name: 'English' }).click();
    // English is fetched on first use: the switch lands a moment after the click
    await expect.poll(() => page.locator('.app-header__title').textContent(), { timeout: 5_000 }).toBe('Qingbo One Map');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    const mapState = () => page.evaluate(() => {
      const map = (globalThis as unknown as { __qingboMap?: MapHandle }).__qingboMap;
      return {
        labelField: JSON.stringify(map?.getLayoutProperty('communities-label', 'text-field')),
        garbageRooms: map?.getLayoutProperty('garbage-rooms-circle', 'visibility'),
      };
    });
    await expect.poll(async () => (await mapState()).labelField, { timeout: 10_000 }).toContain('name_en');
    expect((await mapState()).garbageRooms, 'a hidden layer stays hidden when the labels switch language').toBe('none');

    await page.reload();
    await waitForMapReady(page);
    await expect(page.locator('.layer-panel__title').textContent()).resolves.toBe('Layers');
    const labels = await page.evaluate(() => {
      const map = (globalThis as unknown as { __qingboMap?: MapHandle }).__qingboMap;
      const ids = map?.getStyle().layers.filter((l) => l.type === 'symbol').map((l) => l.id) ?? [];
      return map?.queryRenderedFeatures({ layers: ids }).length ?? 0;
    });
    expect(labels, 'Latin labels render without a glyphs URL').toBeGreaterThan(0);
    await page.screenshot({ path: path.join(os.tmpdir(), 'qingbo-map-en.png') });

    await page.getByRole('button', { name: '中文' }).click();
    // a page loaded in English fetches the Chinese messages on the switch back, as it did English
    await expect.poll(() => page.locator('.app-header__title').textContent(), { timeout: 5_000 }).toBe('清波一张图');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows an error with a working retry when the catalogue fails to load', async () => {
    // the service worker fetches the catalogue itself (network first, for the phone's offline map), out of
    // reach of route interception: this browser runs without it, so the failure reaches the page
    const plain = await launchBrowser(undefined, { serviceWorkers: 'block' });
    const { page } = await openPage(plain.context);
    let failing = true;
    await page.route('**/api/layers', (route) => (failing
      ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: '数据库不可用' } }) })
      : route.continue()));
    await page.goto(`${server.url}/map`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    await expect(alert.textContent()).resolves.toContain('数据库不可用');

    failing = false;
    await alert.getByRole('button', { name: '重试' }).click();
    await expect.poll(() => page.locator('.layer-item').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await plain.close();
  }, 120_000);
});
