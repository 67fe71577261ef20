import path from 'node:path';
import { bbox } from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actAsClient, browserSkipReason, jumpAndSettle, launchBrowser, openMapAs, openPage, SCREENSHOT_DIR, startE2eServer, waitForMapReady,
} from './browser';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the timeline browser test: ${skipReason}`);

const AS_OF = '2011-06-01';
const SCREENSHOT = path.join(SCREENSHOT_DIR, 'timeline.png');

interface LayerInfo {
  id: string;
  temporal?: { start: string; end?: string; status?: { property: string; before: string; during: string } };
  style: { color: string; colorBy?: { property: string; values: Record<string, string> } };
}

/** A rendered feature: its tile properties and the colour MapLibre drew it with, as 0–255 RGB. */
interface Drawn {
  properties: Record<string, string | number>;
  rgb: [number, number, number];
}

/** Rendered features of style layers with the colour each was drawn in. */
function drawn(page: Page, styleLayer: string, paint: string): Promise<Drawn[]> {
  return page.evaluate(({ styleLayer, paint }) => {
    type Rendered = { properties: Record<string, string | number>; layer: { paint: Record<string, { r: number; g: number; b: number; a: number }> } };
    const map = (globalThis as unknown as { __qingboMap: { queryRenderedFeatures(o: { layers: string[] }): Rendered[] } }).__qingboMap;
    return map.queryRenderedFeatures({ layers: [styleLayer] }).map((f) => {
      const c = f.layer.paint[paint]!;
      const un = (v: number) => Math.round((c.a > 0 ? v / c.a : v) * 255);
      return { properties: f.properties, rgb: [un(c.r), un(c.g), un(c.b)] as [number, number, number] };
    });
  }, { styleLayer, paint });
}

function hexRgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** The status the as-of rule gives, written out independently of the client's code. */
function expectedStatus(layer: LayerInfo, p: Record<string, string | number>, date: string): string {
  const rule = layer.temporal!.status!;
  const start = String(p[layer.temporal!.start] ?? '');
  const end = String(p[layer.temporal!.end!] ?? '');
  if (start !== '' && start > date) return rule.before;
  if (start !== '' && end !== '' && end > date) return rule.during;
  return String(p[rule.property]);
}

async function renderedRoomNames(page: Page): Promise<string[]> {
  return [...new Set((await drawn(page, 'garbage-rooms-circle', 'circle-color')).map((f) => String(f.properties.name)))].sort();
}

describe.skipIf(skipReason !== undefined)('the time slider on /map', () => {
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

  it('shows renovations as of a date, hides later facilities, keeps the date in the link and takes a before photo', async () => {
    const base = running.server.url;
    const get = async <T>(url: string): Promise<T> => (await (await fetch(`${base}${url}`)).json()) as T;
    const { layers } = await get<{ layers: LayerInfo[] }>('/api/layers');
    const layerOf = (id: string) => layers.find((l) => l.id === id)!;
    const district = await get<FeatureCollection>('/ogc/collections/district-boundary/items');
    const [w, s, e, n] = bbox(district);
    const rooms = await get<{ features: Feature[] }>('/ogc/collections/garbage-rooms/items?limit=1000');
    const openByThen = rooms.features.filter((f) => String(f.properties!.opened_date) <= AS_OF).map((f) => String(f.properties!.name)).sort();
    expect(openByThen.length).toBeGreaterThan(0);
    expect(openByThen.length).toBeLessThan(rooms.features.length);

    const { page, errors } = await openPage(browser.context);
    await openMapAs(page, base, 420);
    await page.locator('[data-layer-id="cases"] input[type="checkbox"]').setChecked(false);
    await jumpAndSettle(page, [(w + e) / 2, (s + n) / 2], 15);
    await expect.poll(() => renderedRoomNames(page), { timeout: 15_000 }).toHaveLength(rooms.features.length);

    const slider = page.getByTestId('time-slider');
    await slider.getByRole('button', { name: '按日期查看' }).click();
    const range = slider.getByRole('slider', { name: '日期' });
    await range.focus();
    await range.press('Home');
    for (let i = 0; i < 36 && (await slider.getByTestId('time-slider-date').getAttribute('data-date')) !== AS_OF; i++) await range.press('ArrowRight');
    await expect(slider.getByTestId('time-slider-date').textContent()).resolves.toBe('截至 2011年6月1日');
    await expect.poll(() => new URL(page.url()).searchParams.get('t'), { timeout: 10_000 }).toBe(AS_OF);

    const checkStatuses = async (p: Page) => {
      for (const [id, styleLayer, paint] of [['alley-renovations', 'alley-renovations-line', 'line-color'], ['courtyard-buildings', 'courtyard-buildings-fill', 'fill-color']] as const) {
        const layer = layerOf(id);
        await expect.poll(async () => {
          const features = await drawn(p, styleLayer, paint);
          if (features.length === 0) return 'nothing drawn';
          const wrong = features.filter((f) => f.rgb.join() !== hexRgb(layer.style.colorBy!.values[expectedStatus(layer, f.properties, AS_OF)]!).join());
          return wrong.map((f) => `${String(f.properties.name)}: ${f.rgb.join()}`);
        }, { timeout: 15_000 }).toEqual([]);
      }
      const courtyards = await drawn(p, 'courtyard-buildings-fill', 'fill-color');
      const statuses = new Set(courtyards.map((f) => expectedStatus(layerOf('courtyard-buildings'), f.properties, AS_OF)));
      expect([...statuses].sort()).toEqual(['planned', 'under_construction']);
      await expect.poll(() => renderedRoomNames(p), { timeout: 15_000 }).toEqual(openByThen);
    };
    await checkStatuses(page);

    const alleys = await get<{ features: Feature[] }>('/ogc/collections/alley-renovations/items');
    const alley = alleys.features[0]!;
    const shared = new URL(page.url());
    shared.searchParams.set('sel', `alley-renovations/${String(alley.id)}`);

    const { page: other, errors: otherErrors } = await openPage(browser.context);
    await actAsClient(other, 420);
    await other.goto(shared.toString());
    await waitForMapReady(other);
    await expect.poll(() => other.getByTestId('time-slider-date').getAttribute('data-date'), { timeout: 15_000 }).toBe(AS_OF);
    await checkStatuses(other);

    const section = other.getByTestId('renovation-section');
    await expect.poll(() => section.getAttribute('data-status'), { timeout: 15_000 }).toBe(expectedStatus(layerOf('alley-renovations'), alley.properties as Record<string, string>, AS_OF));
    await expect(section.getByTestId('renovation-status').textContent()).resolves.toBe('在建');
    await expect(other.getByTestId('record-note').textContent()).resolves.toContain('2011年6月1日');
    const before = section.locator('[data-kind="before"]');
    await expect.poll(() => before.textContent(), { timeout: 10_000 }).toContain('暂无照片');

    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#8a6d3b' } }).jpeg().toBuffer();
    await before.getByPlaceholder('说明（可选）').fill('改造前的路面');
    const uploaded = other.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/features/${String(alley.id)}/photos`));
    await before.getByTestId('photo-input-before').setInputFiles({ name: 'before.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    expect((await uploaded).status()).toBe(201);
    const photo = before.getByTestId('feature-photo');
    await expect.poll(() => photo.count(), { timeout: 10_000 }).toBe(1);
    await expect(photo.textContent()).resolves.toContain('改造前的路面');
    await expect.poll(() => photo.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), { timeout: 10_000 }).toBe(320);
    await expect(section.locator('[data-kind="after"]').textContent()).resolves.toContain('暂无照片');
    await other.screenshot({ path: SCREENSHOT });

    await slider.getByTestId('time-slider-off').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('t'), { timeout: 10_000 }).toBeNull();
    await expect.poll(() => renderedRoomNames(page), { timeout: 15_000 }).toHaveLength(rooms.features.length);

    expect(errors).toEqual([]);
    expect(otherErrors).toEqual([]);
    await other.close();
    await page.close();
  }, 240_000);
});
