import { area, booleanPointInPolygon, difference, featureCollection, intersect, union } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import buildingsText from '../../../../data/layers/courtyard-buildings.geojson?raw';
import communitiesText from '../../../../data/layers/communities.geojson?raw';
import garbageRoomsText from '../../../../data/layers/garbage-rooms.geojson?raw';
import serviceFacilitiesText from '../../../../data/layers/service-facilities.geojson?raw';
import { buildingPoint, serviceCoverage } from './coverage';
import { arealFeatures } from './geometry';

const communities = JSON.parse(communitiesText) as FeatureCollection<Polygon | MultiPolygon>;
const buildings = JSON.parse(buildingsText) as FeatureCollection<Polygon | MultiPolygon>;
/** Expects `actual` within 0.5 % of `expected` (or both under 1 m²): the coverage areas are measured on scan lines, the drawn parts are strips between them. */
function expectClose(actual: number, expected: number): void {
  if (Math.abs(expected) < 1) expect(Math.abs(actual)).toBeLessThan(1);
  else expect(Math.abs(actual - expected) / expected, `${actual} vs ${expected}`).toBeLessThan(0.005);
}

const facilityLayers = { 'garbage-rooms': JSON.parse(garbageRoomsText), 'service-facilities': JSON.parse(serviceFacilitiesText) } as Record<string, FeatureCollection>;

describe.each(Object.keys(facilityLayers))('coverage of the demo district by %s', (layerId) => {
  const facilities = facilityLayers[layerId]!;

  it.each([150, 300, 600])('holds together at %i m', (radiusM) => {
    const result = serviceCoverage({ facilities, communities, buildings, radiusM });

    expect(result.rows).toHaveLength(communities.features.length);
    for (const row of result.rows) {
      expect(row.share).toBeGreaterThanOrEqual(0);
      expect(row.share).toBeLessThanOrEqual(1);
      expect(row.coveredM2).toBeLessThanOrEqual(row.areaM2);
      expect(row.buildingsCovered).toBeLessThanOrEqual(row.buildings);
      expect(row.householdsCovered).toBeLessThanOrEqual(row.households);
      expectClose(area(row.uncovered ?? featureCollection([])) + row.coveredM2, row.areaM2);
    }
    const sum = (pick: (r: (typeof result.rows)[number]) => number) => result.rows.reduce((s, r) => s + pick(r), 0);
    expect(result.total.coveredM2).toBeCloseTo(sum((r) => r.coveredM2), 3);
    expect(result.total.households).toBe(sum((r) => r.households));
    expect(result.total.buildings + result.buildingsOutside).toBe(buildings.features.length);
    expect(result.total.households).toBe(
      buildings.features.filter((b) => communities.features.some((c) => booleanPointInPolygon(buildingPoint(b), c))).reduce((s, b) => s + (b.properties?.households as number), 0),
    );

    // The district computed in one piece agrees with the sum of its communities (they do not overlap).
    const district = union(featureCollection(arealFeatures(communities)))!;
    const coveredDistrict = result.coverage ? intersect(featureCollection([district, result.coverage])) : null;
    expectClose(coveredDistrict ? area(coveredDistrict) : 0, result.total.coveredM2);
    expect(area(district)).toBeCloseTo(result.total.areaM2, -2);
    const uncoveredDistrict = result.coverage ? difference(featureCollection([district, result.coverage])) : district;
    expectClose(uncoveredDistrict ? area(uncoveredDistrict) : 0, result.total.areaM2 - result.total.coveredM2);
  });

  it('covers more as the radius grows', () => {
    const shares = [100, 300, 900].map((radiusM) => serviceCoverage({ facilities, communities, buildings, radiusM }).total);
    for (let i = 1; i < shares.length; i++) {
      expect(shares[i]!.coveredM2).toBeGreaterThan(shares[i - 1]!.coveredM2);
      expect(shares[i]!.householdsCovered).toBeGreaterThanOrEqual(shares[i - 1]!.householdsCovered);
    }
  });
});
