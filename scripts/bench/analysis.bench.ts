/**
 * Planner analysis in the browser's code path (client/src/features/analysis), run in Node:
 * 300 m service coverage over the demo communities and courtyard buildings for growing numbers
 * of facility points (synthetic, seeded positions inside the district), each size first run once
 * in a fresh process state (cold: what the first click in a new worker costs) and then timed
 * warm; and the method's accuracy on discs whose area is known by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { destination, featureCollection, point, polygon } from '@turf/turf';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { MAX_COVERAGE_FACILITIES, serviceCoverage } from '../../client/src/features/analysis/coverage';
import { PROJECT_ROOT } from '../../server/src/config';
import { machineLine, percentile, writeBenchSection } from './lib';

const read = (id: string) => JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'data', 'layers', `${id}.geojson`), 'utf8')) as FeatureCollection;
const communities = read('communities');
const buildings = read('courtyard-buildings');
const rooms = read('garbage-rooms');
const BBOX = [120.1535, 30.2330, 120.1700, 30.2455] as const;
const RUNS = 7;

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function facilities(n: number): FeatureCollection<Point> {
  const next = random(n);
  const features: Feature<Point>[] = Array.from({ length: n }, () => ({
    type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [BBOX[0] + next() * (BBOX[2] - BBOX[0]), BBOX[1] + next() * (BBOX[3] - BBOX[1])] },
  }));
  return featureCollection(features);
}

function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

const lines: string[] = [];
const log = (line: string) => {
  console.log(line);
  lines.push(line);
};
log('## Analysis: service coverage in the browser\'s code path (`npm run bench -- analysis`)');
log('');
log(`Machine: ${machineLine()}. Date: ${new Date().toISOString().slice(0, 10)}.`);
log(`\`serviceCoverage\` (scan lines, issue 17) at 300 m over the 5 demo communities and 15 courtyard buildings; random facility points in the district's bounding box; one untimed-for-p50 "first run" per size (the first row's is JIT-cold, as in a fresh worker), then ${RUNS} timed runs. One run takes at most ${MAX_COVERAGE_FACILITIES.toLocaleString('en')} facilities.`);
log('');
log('| facilities | first run (ms) | p50 (ms) | max (ms) | scan step (m) | district covered |');
log('|---:|---:|---:|---:|---:|---:|');
for (const [label, input] of [['6 (demo garbage rooms)', rooms], ...[500, 1000, 2000, 5000, MAX_COVERAGE_FACILITIES].map((n) => [n.toLocaleString('en'), facilities(n)] as const)] as const) {
  const run = () => serviceCoverage({ facilities: input, communities, buildings, radiusM: 300 });
  const [result, first] = timed(run);
  const ms = Array.from({ length: RUNS }, () => timed(run)[1]);
  log(`| ${label} | ${first.toFixed(0)} | ${percentile(ms, 50).toFixed(0)} | ${Math.max(...ms).toFixed(0)} | ${+result.scanStepM.toFixed(2)} | ${(result.total.share * 100).toFixed(2)} % |`);
}

log('');
log('Other radii (small discs are many strips: the drawing is capped at 60,000 positions, drawn from every k-th scan line):');
log('');
log('| facilities | radius (m) | first run (ms) | p50 (ms) | max (ms) | scan step (m) | drawn step (m) |');
log('|---:|---:|---:|---:|---:|---:|---:|');
for (const [n, radiusM] of [[5000, 50], [10_000, 10], [10_000, 30], [5000, 1000]] as const) {
  const input = facilities(n);
  const run = () => serviceCoverage({ facilities: input, communities, buildings, radiusM });
  const [result, first] = timed(run);
  const ms = Array.from({ length: RUNS }, () => timed(run)[1]);
  log(`| ${n.toLocaleString('en')} | ${radiusM} | ${first.toFixed(0)} | ${percentile(ms, 50).toFixed(0)} | ${Math.max(...ms).toFixed(0)} | ${+result.scanStepM.toFixed(2)} | ${+result.drawnStepM.toFixed(2)} |`);
}

// Accuracy against areas known by hand, in a 2 km square community (the share is what the scan lines measure).
const CENTRE: [number, number] = [120.165, 30.245];
const at = (from: [number, number], metres: number, bearing: number) => destination(from, metres, bearing, { units: 'meters' }).geometry.coordinates as [number, number];
const sw = at(at(CENTRE, 1000, 180), 1000, 270);
const [east, north] = [at(sw, 2000, 90)[0]!, at(sw, 2000, 0)[1]!];
const square = featureCollection([polygon([[sw, [east, sw[1]], [east, north], [sw[0], north], sw]])]);
const lens = (r: number, d: number) => 2 * r * r * Math.acos(d / (2 * r)) - (d / 2) * Math.sqrt(4 * r * r - d * d);
const cases: [string, [number, number][], number, number][] = [
  ['one 300 m disc: πr²', [CENTRE], 300, Math.PI * 300 ** 2],
  ['one 20 m disc: πr²', [CENTRE], 20, Math.PI * 20 ** 2],
  ['two 60 m discs 100 m apart: 2πr² − lens', [at(CENTRE, 50, 270), at(CENTRE, 50, 90)], 60, 2 * Math.PI * 60 ** 2 - lens(60, 100)],
];
log('');
log('| accuracy case | exact (m²) | scan lines (m²) | error |');
log('|---|---:|---:|---:|');
for (const [name, points, radiusM, exact] of cases) {
  const result = serviceCoverage({ facilities: featureCollection(points.map((p) => point(p))), communities: square, radiusM });
  const measured = result.rows[0]!.share * 4e6;
  log(`| ${name} | ${exact.toFixed(1)} | ${measured.toFixed(1)} | ${(((measured - exact) / exact) * 100).toFixed(3)} % |`);
}
writeBenchSection('analysis', lines.join('\n'));
