import { bbox, distance } from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser, openMapAs, openPage, startE2eServer } from './browser';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the search browser test: ${skipReason}`);

/** What the test reads of the live map through `window.__qingboMap`. */
interface SearchMapHandle {
  getCenter(): { lng: number; lat: number };
  getZoom(): number;
  isMoving(): boolean;
  getPaintProperty(layerId: string, name: string): unknown;
}

function mapState(page: Page): Promise<{ center: [number, number]; zoom: number; moving: boolean }> {
  return page.evaluate(() => {
    const map = (globalThis as unknown as { __qingboMap: SearchMapHandle }).__qingboMap;
    const { lng, lat } = map.getCenter();
    return { center: [lng, lat] as [number, number], zoom: map.getZoom(), moving: map.isMoving() };
  });
}

function paint(page: Page, layerId: string, name: string): Promise<unknown> {
  return page.evaluate(({ layerId, name }) => (globalThis as unknown as { __qingboMap: SearchMapHandle }).__qingboMap.getPaintProperty(layerId, name), { layerId, name });
}

/** Metres from the map's centre, once it has stopped moving, to the middle of a feature's extent. */
async function metresFromCentre(page: Page, feature: Feature): Promise<number> {
  await expect.poll(async () => (await mapState(page)).moving, { timeout: 10_000 }).toBe(false);
  const [west, south, east, north] = bbox(feature);
  const { center } = await mapState(page);
  return distance(center, [(west + east) / 2, (south + north) / 2], { units: 'meters' });
}

describe.skipIf(skipReason !== undefined)('searching features and fading layers on /map', () => {
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

  async function alley(name: string): Promise<Feature> {
    const body = (await (await fetch(`${running.server.url}/ogc/collections/alley-renovations/items?limit=1000`)).json()) as FeatureCollection;
    const found = body.features.find((f) => f.properties?.name === name);
    if (!found) throw new Error(`no alley ${name}`);
    return found;
  }

  it('finds an alley by its Chinese or English name, picked with the keyboard, and shows it', async () => {
    const { page, errors } = await openPage(browser.context);
    await openMapAs(page, running.server.url, 420);

    const box = page.getByRole('combobox', { name: '搜索要素' });
    const panel = page.getByTestId('details-panel');
    const hongmenju = await alley('红门局');
    await box.click();
    await box.pressSequentially('红门局');
    const list = page.getByRole('listbox');
    await expect.poll(() => list.getByRole('option').first().textContent(), { timeout: 15_000 }).toContain('红门局');
    await expect(list.getByRole('option').first().locator('.search-box__layer').textContent()).resolves.toBe('背街小巷改善');
    await box.press('ArrowDown');
    await expect(box.getAttribute('aria-activedescendant')).resolves.toBe('feature-search-results-0');
    await box.press('Enter');

    await expect.poll(() => panel.locator('.details-panel__title').textContent(), { timeout: 10_000 }).toBe('红门局');
    await expect.poll(() => new URL(page.url()).searchParams.get('sel')).toBe(`alley-renovations/${hongmenju.id}`);
    expect(await metresFromCentre(page, hongmenju)).toBeLessThan(25);
    expect((await mapState(page)).zoom).toBeGreaterThan(16);

    const yangbatou = await alley('羊坝头');
    await box.fill('');
    await box.pressSequentially('Yangbatou');
    await expect.poll(() => list.getByRole('option').first().textContent(), { timeout: 10_000 }).toContain('Yangbatou Alley');
    await box.press('ArrowDown');
    await box.press('Enter');
    await expect.poll(() => panel.locator('.details-panel__title').textContent(), { timeout: 10_000 }).toBe('羊坝头');
    expect(await metresFromCentre(page, yangbatou)).toBeLessThan(25);

    await box.fill('');
    await box.pressSequentially('不存在的地名');
    await expect.poll(() => page.locator('.search-box__popup').textContent()).toContain('无匹配结果');
    await box.press('Escape');
    await expect(box.getAttribute('aria-expanded')).resolves.toBe('false');

    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('fades a layer with its opacity slider, keeps it in the link and through a language switch', async () => {
    const { page, errors } = await openPage(browser.context);
    await openMapAs(page, running.server.url, 421);
    const served = await paint(page, 'courtyard-buildings-fill', 'fill-opacity');
    expect(typeof served).toBe('number');

    const item = page.locator('[data-layer-id="courtyard-buildings"]');
    await item.getByRole('button', { name: '调整 庭院改善楼幢 的不透明度' }).click();
    const slider = item.getByRole('slider', { name: '庭院改善楼幢 不透明度' });
    await slider.focus();
    for (let i = 0; i < 8; i += 1) await slider.press('ArrowLeft');

    await expect(item.locator('.layer-opacity__label').textContent()).resolves.toBe('不透明度 60%');
    await expect.poll(() => paint(page, 'courtyard-buildings-fill', 'fill-opacity')).toBeCloseTo((served as number) * 0.6, 4);
    await expect.poll(() => paint(page, 'courtyard-buildings-line', 'line-opacity')).toBe(0.6);
    await expect.poll(() => new URL(page.url()).searchParams.get('op')).toBe('courtyard-buildings:60');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => item.locator('.layer-opacity__label').textContent(), { timeout: 10_000 }).toBe('Opacity 60%');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __qingboMap: { getStyle(): { metadata?: Record<string, unknown> } } }).__qingboMap.getStyle().metadata?.['qingbo:lang']), { timeout: 10_000 }).toBe('en');
    await expect.poll(() => paint(page, 'courtyard-buildings-fill', 'fill-opacity'), { timeout: 10_000 }).toBeCloseTo((served as number) * 0.6, 4);
    await expect.poll(() => paint(page, 'courtyard-buildings-label', 'text-opacity')).toBe(0.6);

    await item.getByRole('button', { name: 'Make Courtyard-improvement buildings fully opaque again' }).click();
    await expect.poll(() => paint(page, 'courtyard-buildings-fill', 'fill-opacity')).toBe(served);
    await expect.poll(() => new URL(page.url()).searchParams.get('op')).toBeNull();

    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
