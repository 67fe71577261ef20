import type { Feature, FeatureCollection } from 'geojson';
import { uncoveredCollection, type CoverageResult } from './coverage';

const tagged = (features: readonly Feature[], kind: string): Feature[] => features.map((f) => ({ ...f, properties: { ...f.properties, kind } }));

/**
 * What the coverage overlay draws (overlayStyles.ts `coverageLayers`), each feature tagged with its
 * `kind`: the coverage ('coverage') and its boundary ('coverage-outline'), the circles ('circle'),
 * the uncovered parts ('uncovered') and their boundaries ('uncovered-outline'). The areas are
 * strips that share edges: their outlines are drawn from the boundary lines, not the polygons.
 */
export function coverageOverlay(result: CoverageResult): FeatureCollection {
  const outlines = result.rows.flatMap((r) => (r.uncoveredOutline ? [r.uncoveredOutline] : []));
  return {
    type: 'FeatureCollection',
    features: [
      ...tagged(result.coverage ? [result.coverage] : [], 'coverage'),
      ...tagged(result.coverageOutline ? [result.coverageOutline] : [], 'coverage-outline'),
      ...tagged(result.circles.features, 'circle'),
      ...tagged(uncoveredCollection(result).features, 'uncovered'),
      ...tagged(outlines, 'uncovered-outline'),
    ],
  };
}
