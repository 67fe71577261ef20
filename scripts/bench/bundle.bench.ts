import path from 'node:path';
import { PROJECT_ROOT } from '../../server/src/config';
import { ensureClientBuilt } from '../../tests/e2e/browser';
import { machineLine, writeBenchSection } from './lib';
import { BUDGET_PAGES, distArgument, kb, measurePageLoad, startBenchServer, type PageLoad } from './page-load';

/*
 * Bundle budget (issue #17 item 2): main-thread JavaScript transferred before the map first draws, per page, in
 * chromium against a production build served by the real server. Exits 1 over budget. `--before=DIR` also measures
 * an older client build in the same run (not held to the budget), served by the server of the checkout
 * `--before-server=DIR` names (e.g. a `git worktree` of that commit) when given; `--dist=DIR` measures another build
 * than client/dist.
 */

const beforeArg = process.argv.find((a) => a.startsWith('--before='));
const beforeServer = process.argv.find((a) => a.startsWith('--before-server='))?.slice('--before-server='.length);
const builds: { label: string; dist: string; server?: string; judged: boolean }[] = [];
if (beforeArg) builds.push({ label: 'before', server: beforeServer && path.resolve(beforeServer), dist: path.resolve(beforeArg.slice(9)), judged: false });
const dist = distArgument();
if (!dist) await ensureClientBuilt();
builds.push({ label: beforeArg ? 'after' : 'current', dist: dist ?? path.join(PROJECT_ROOT, 'client', 'dist'), judged: true });

const rows: string[] = [];
const over: string[] = [];
let client = 500;
for (const build of builds) {
  const running = await startBenchServer(build.dist, build.server);
  try {
    for (const page of BUDGET_PAGES) {
      client += 1;
      const load: PageLoad = await measurePageLoad(running.url, page, { serviceWorker: false }, client);
      if (process.argv.includes('--verbose')) console.log(build.label, page.path, load.scriptList.map((e) => `${e.path} ${kb(e.bytes)}`).join('\n  '));
      const within = load.scriptBytes <= page.budgetBytes;
      if (build.judged && !within) over.push(`${page.path}: ${kb(load.scriptBytes)} KB > ${kb(page.budgetBytes)} KB`);
      rows.push(`| ${build.label} | ${page.path} | ${load.scripts} | ${kb(load.scriptBytes)} | ${kb(load.scriptDecodedBytes)} | ${kb(page.budgetBytes)} | ${within ? 'yes' : '**no**'} | ${kb(load.cssBytes)} | ${kb(load.totalBytes)} |`);
    }
  } finally {
    await running.close();
  }
}

const table = ['| build | page | scripts | JS KB transferred | JS KB decoded | budget KB | within | CSS KB | all KB |', '|---|---|---|---|---|---|---|---|---|', ...rows];
console.log(table.join('\n'));
const file = writeBenchSection('bundle', [
  '## Bundle budget (`npm run bench -- bundle [--before=DIR]`)',
  '',
  `Machine: ${machineLine()}. Date: ${new Date().toISOString().slice(0, 10)}.`,
  'Cold load of each page (fresh chromium profile, no throttling) from a production build served by the real server; bytes are resource timing `transferSize` (the encoded body as sent, brotli for chromium, plus the fixed 300 bytes Chromium counts for headers whatever their real size) of the main-thread scripts that finished before the `qingbo:map-ready` mark (MapLibre\'s and the analysis worker scripts excluded; the app\'s service worker is blocked, as responses it serves carry no transferSize). /cases/new is opened by the demo inspector, /overview by the demo leader. `tests/e2e/bundle.e2e.test.ts` holds the suite to the same budgets.',
  '',
  ...table,
].join('\n'));
console.log(`written to ${file}`);
if (over.length) {
  console.error(`over budget:\n${over.join('\n')}`);
  process.exitCode = 1;
}
