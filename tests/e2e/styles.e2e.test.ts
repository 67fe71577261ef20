import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser, openPage, SCREENSHOT_DIR, startE2eServer, waitForMapReady, type MapHandle } from './browser';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the styles browser test: ${skipReason}`);

/** Basemap and thematic style layers every style must draw over the demo district. */
const MUST_DRAW = ['water-fill', 'roads-line', 'alley-renovations-line', 'garbage-rooms-circle'];

/** What the map drew: features per style layer in `MUST_DRAW`, and the Chinese labels it placed. */
interface Drawn {
  counts: Record<string, number>;
  chineseLabels: string[];
}

describe.skipIf(skipReason !== undefined)('the served map styles in chromium', () => {
  let running: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    running = await startE2eServer();
    browser = await launchBrowser({ width: 1280, height: 800 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  for (const style of ['console', 'overview'] as const) {
    it(`/preview/${style} draws the basemap, thematic layers and Chinese labels`, async () => {
      const { page, errors } = await openPage(browser.context);
      await page.goto(`${running.server.url}/preview/${style}`);
      await waitForMapReady(page);

      const drawn = await page.evaluate((layers): Drawn | undefined => {
        const map = (globalThis as unknown as { __qingboMap?: MapHandle }).__qingboMap;
        if (!map) return undefined;
        const counts = Object.fromEntries(layers.map((id) => [id, map.queryRenderedFeatures({ layers: [id] }).length]));
        const firstGet = (expression: unknown): string | undefined => {
          if (!Array.isArray(expression)) return undefined;
          if (expression[0] === 'get' && typeof expression[1] === 'string') return expression[1];
          for (const part of expression) {
            const key = firstGet(part);
            if (key) return key;
          }
          return undefined;
        };
        const chineseLabels = map.getStyle().layers
          .filter((l) => l.id.endsWith('-label'))
          .flatMap((l) => {
            const key = firstGet(map.getLayoutProperty(l.id, 'text-field'));
            return key ? map.queryRenderedFeatures({ layers: [l.id] }).map((f) => String(f.properties[key] ?? '')) : [];
          })
          .filter((text) => /[\u4e00-\u9fff]/.test(text));
        return { counts, chineseLabels };
      }, MUST_DRAW);

      expect(drawn, 'window.__qingboMap is exposed').toBeDefined();
      for (const id of MUST_DRAW) expect(drawn?.counts[id], `${id} is drawn`).toBeGreaterThan(0);
      expect(drawn?.chineseLabels.length, 'Chinese labels render from local fonts').toBeGreaterThan(0);
      await expect(page.locator('.app-header').count(), 'the preview has no header or panel').resolves.toBe(0);
      await expect(page.locator('.layer-panel').count()).resolves.toBe(0);

      // The compact attribution opens expanded; fold it as a reader would, so the screenshot shows the style.
      const attribution = page.locator('.maplibregl-ctrl-attrib[open] .maplibregl-ctrl-attrib-button');
      if (await attribution.count() > 0) await attribution.click();
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `style-${style}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
  }

  it('shows the not-found page for a style that does not exist', async () => {
    const { page } = await openPage(browser.context);
    await page.goto(`${running.server.url}/preview/satellite`);

    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('页面不存在');
    await expect(page.locator('.map-view').count()).resolves.toBe(0);
    await page.close();
  }, 60_000);
});
