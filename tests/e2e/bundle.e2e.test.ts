import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/src/config';
import { BUDGET_PAGES, kb, measurePageLoad } from '../../scripts/bench/page-load';
import { browserSkipReason, startE2eServer } from './browser';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the bundle budget browser test: ${skipReason}`);

/** Issue #17's budgets, written out here by hand: main-thread JavaScript transferred before the map first draws. */
const BUDGET_KB: Record<string, number> = { '/map': 400, '/cases/new': 300, '/overview': 450 };

describe.skipIf(skipReason !== undefined)('bundle budget of the production build (same measurement as `npm run bench -- bundle`)', () => {
  let running: Awaited<ReturnType<typeof startE2eServer>>;

  beforeAll(async () => {
    running = await startE2eServer();
  }, 240_000);

  afterAll(async () => {
    await running?.close();
  });

  it('writes brotli and gzip copies of the built scripts', () => {
    const assets = path.join(PROJECT_ROOT, 'client', 'dist', 'assets');
    const scripts = fs.readdirSync(assets).filter((f) => f.endsWith('.js') && fs.statSync(path.join(assets, f)).size > 1024);
    expect(scripts.length).toBeGreaterThan(5);
    for (const script of scripts) {
      expect(fs.existsSync(path.join(assets, `${script}.br`)), script).toBe(true);
      expect(fs.existsSync(path.join(assets, `${script}.gz`)), script).toBe(true);
    }
  });

  it.each(BUDGET_PAGES.map((p, i) => [p.path, p, i] as const))('%s stays within its budget', async (pagePath, page, i) => {
    expect(page.budgetBytes).toBe(BUDGET_KB[pagePath]! * 1024);
    const load = await measurePageLoad(running.server.url, page, { serviceWorker: false }, 700 + i);
    const list = load.scriptList.map((s) => `${s.path} ${kb(s.bytes)} KB`).join(', ');
    // a compressed transfer: far fewer bytes than the scripts decode to
    expect(load.scriptBytes).toBeLessThan(load.scriptDecodedBytes / 2);
    expect(load.scriptBytes / 1024, `${pagePath}: ${kb(load.scriptBytes)} KB of scripts (${list})`).toBeLessThanOrEqual(BUDGET_KB[pagePath]!);
  });
});
