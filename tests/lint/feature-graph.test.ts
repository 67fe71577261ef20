import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { featureCycles, featureGraph, type FeatureGraph } from './feature-graph';

/** No two features depend on each other, directly or around a longer cycle (issue #13 item 2), on either side. */
const graphOf = (edges: Record<string, string[]>): FeatureGraph => new Map(Object.entries(edges).map(([k, v]) => [k, new Set(v)]));

describe('featureCycles', () => {
  it('finds a two-way dependency and a longer cycle, and nothing in a graph without one', () => {
    expect(featureCycles(graphOf({ planner: ['layers'], layers: ['planner'], auth: [] }))).toEqual([['layers', 'planner']]);
    expect(featureCycles(graphOf({ a: ['b'], b: ['c'], c: ['a'], d: ['a'] }))).toEqual([['a', 'b', 'c']]);
    expect(featureCycles(graphOf({ map: ['planner', 'layers'], planner: ['workspace', 'layers'], workspace: ['layers'], layers: [] }))).toEqual([]);
  });
});

describe.each([
  ['client', '../../client/src/features'],
  ['server', '../../server/src/features'],
])('the %s features', (_side, dir) => {
  const graph = featureGraph(fileURLToPath(new URL(dir, import.meta.url)));

  it('are read from the sources', () => {
    expect(graph.size).toBeGreaterThan(5);
    expect([...graph.values()].some((edges) => edges.size > 0)).toBe(true);
  });

  it('import each other without a cycle', () => {
    expect(featureCycles(graph)).toEqual([]);
  });
});
