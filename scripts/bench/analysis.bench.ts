/**
 * Planner analysis in the browser's code path (client/src/features/analysis), run in Node:
 * 300 m service coverage over the demo communities and courtyard buildings for growing numbers
 * of facility points (synthetic, seeded positions inside the district), with the union done as
 * shipped (balanced pairwise tree) and, for reference, as one many-polygon turf union.
 */
import fs from 'node:fs';
import path from 'node:path';
import { circle, featureCollection, union } from '@turf/turf';
import type { FeatureCollection, Point, Feature } from 'geojson';
import { serviceCoverage } from '../../client/src/features/analysis/coverage';
import { PROJECT_ROOT } from '../../server/src/config';
import { machineLine, percentile, writeBenchSection } from './lib';

const read = (id: string) => JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'data', 'layers', `${id}.geojson`), 'utf8')) as FeatureCollection;
const communities = read('communities');
const buildings = read('courtyard-buildings');
const rooms = read('garbage-rooms');
const BBOX = [120.1535, 30.2330, 120.1700, 30.2455] as const;

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

function time(fn: () => unknown, runs: number): number[] {
  return Array.from({ length: runs }, () => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  });
}

const lines: string[] = [];
const log = (line: string) => {
  console.log(line);
  lines.push(line);
};
log(machineLine());
log('| facilities | coverage p50 (ms) | max (ms) | one flat union of the circles (ms) |');
log('|---:|---:|---:|---:|');
for (const [label, input] of [['6 (demo garbage rooms)', rooms], ...[50, 150, 300, 500].map((n) => [String(n), facilities(n)] as const)] as const) {
  const runs = input.features.length >= 300 ? 3 : 5;
  const ms = time(() => serviceCoverage({ facilities: input, communities, buildings, radiusM: 300 }), runs);
  const circles = input.features.map((f) => circle((f.geometry as Point).coordinates, 300, { units: 'meters', steps: 64 }));
  const flat = input.features.length <= 300 ? time(() => union(featureCollection(circles)), 1)[0]!.toFixed(0) : 'not run';
  log(`| ${label} | ${percentile(ms, 50).toFixed(0)} | ${Math.max(...ms).toFixed(0)} | ${flat} |`);
}
writeBenchSection('analysis', lines.join('\n'));
