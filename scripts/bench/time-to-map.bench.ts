import path from 'node:path';
import { PROJECT_ROOT } from '../../server/src/config';
import { ensureClientBuilt } from '../../tests/e2e/browser';
import { machineLine, writeBenchSection } from './lib';
import { distArgument, kb, measurePageLoad, median, SLOW_4G, startBenchServer, type MeasuredPage, type PageLoad } from './page-load';

/*
 * Time to map (issue #17 item 3): cold loads of /map and /cases/new in chromium with the CPU slowed 4× and the
 * "Slow 4G" network profile, from navigation to the map's first full draw. `--before=DIR` also measures an older
 * client build (e.g. `vite build --outDir DIR` of an earlier commit) in the same run, served by the server of the
 * checkout `--before-server=DIR` names (a `git worktree` of that commit) when given; `--runs=N` (default 3).
 */

const PAGES: MeasuredPage[] = [
  { path: '/map', budgetBytes: Infinity },
  { path: '/cases/new', user: 'inspector', budgetBytes: Infinity },
];
const THROTTLING = { cpuRate: 4, network: SLOW_4G };
/**
 * `--no-sw`: the app's service worker blocked for every build. Chromium's network emulation does not reach a service
 * worker's own fetches, so with it allowed its unthrottled precache can fill the HTTP cache the page then reads (a build
 * that registers it early looks faster on this bench, though on a real slow line the precache competes with the map).
 * A partial run: printed, docs/benchmarks.md left as it was.
 */
const NO_SW = process.argv.includes('--no-sw');
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
const beforeArg = process.argv.find((a) => a.startsWith('--before='));
const beforeServer = process.argv.find((a) => a.startsWith('--before-server='))?.slice('--before-server='.length);
const builds: { label: string; dist: string; server?: string }[] = [];
if (beforeArg) builds.push({ label: 'before', server: beforeServer && path.resolve(beforeServer), dist: path.resolve(beforeArg.slice(9)) });
const dist = distArgument();
if (!dist) await ensureClientBuilt();
builds.push({ label: beforeArg ? 'after' : 'current', dist: dist ?? path.join(PROJECT_ROOT, 'client', 'dist') });

const rows: string[] = [];
let client = 300;
for (const build of builds) {
  const running = await startBenchServer(build.dist, build.server);
  try {
    for (const page of PAGES) {
      const loads: PageLoad[] = [];
      for (let i = 0; i < runs; i += 1) {
        client += 1;
        const load = await measurePageLoad(running.url, page, { throttling: THROTTLING, serviceWorker: !NO_SW }, client);
        console.log(`${build.label} ${page.path} run ${i + 1}: ${(load.timeToMapMs / 1000).toFixed(2)} s (scripts in at ${(load.scriptsDoneMs / 1000).toFixed(2)} s), JS ${kb(load.scriptBytes)} KB, all ${kb(load.totalBytes)} KB`);
        loads.push(load);
      }
      const ms = loads.map((l) => l.timeToMapMs);
      rows.push(`| ${build.label} | ${page.path} | ${runs} | ${(median(ms) / 1000).toFixed(2)} | ${(Math.min(...ms) / 1000).toFixed(2)} | ${(Math.max(...ms) / 1000).toFixed(2)} | ${(median(loads.map((l) => l.scriptsDoneMs)) / 1000).toFixed(2)} | ${kb(median(loads.map((l) => l.scriptBytes)))} | ${kb(median(loads.map((l) => l.totalBytes)))} |`);
    }
  } finally {
    await running.close();
  }
}

const table = ['| build | page | runs | median s | min s | max s | scripts in, median s | JS KB before the map | page KB before the map |', '|---|---|---|---|---|---|---|---|---|', ...rows];
console.log(table.join('\n'));
if (NO_SW) {
  console.log('--no-sw: docs/benchmarks.md left as it was');
  process.exit(0);
}
const file = writeBenchSection('time-to-map', [
  '## Time to map (`npm run bench -- time-to-map [--before=DIR] [--runs=N]`)',
  '',
  `Machine: ${machineLine()}. Date: ${new Date().toISOString().slice(0, 10)}.`,
  'Cold load (fresh chromium profile, empty cache, no service worker yet) of each page from the real server over loopback, with the CPU slowed 4× (`Emulation.setCPUThrottlingRate`) and Chrome\'s "Slow 4G" profile (150 ms RTT, 1.6 Mbps down, 750 Kbps up; `Network.emulateNetworkConditions`). Time from navigation start to the `qingbo:map-ready` mark, which `MapView` sets when the style has loaded and the map first goes idle with every tile in view drawn. /cases/new is opened by the demo inspector (session cookie set beforehand). KB are transferred bytes (headers and encoded bodies, resource timing `transferSize`); "page KB" counts what the page fetched itself (scripts, styles, style JSON, API), not the tiles MapLibre\'s worker fetches nor what the app\'s service worker (allowed here, as on a real first visit) serves once it has taken over. "Scripts in" is when the last main-thread script before the mark had arrived: the rest of the time is spent running them (4× slower), fetching the style and tiles over 150 ms round trips, and drawing (WebGL on SwiftShader here).',
  '',
  ...table,
].join('\n'));
console.log(`written to ${file}`);
