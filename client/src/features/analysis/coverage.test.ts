import { area, circle, destination, featureCollection, point, polygon } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { MAX_ANALYSIS_FEATURES, TooManyFeaturesError } from './buffer';
import { CIRCLE_STEPS, serviceCoverage, uncoveredCollection } from './coverage';

const CENTRE: [number, number] = [120.165, 30.245];

/** A lon/lat-aligned square of `side` metres whose south-west corner is `corner`. */
function square(corner: [number, number], side: number, properties: Record<string, unknown> = {}): Feature<Polygon> {
  const east = destination(corner, side, 90, { units: 'meters' }).geometry.coordinates[0]!;
  const north = destination(corner, side, 0, { units: 'meters' }).geometry.coordinates[1]!;
  const [w, s] = corner;
  return polygon([[[w, s], [east, s], [east, north], [w, north], [w, s]]], properties);
}

/** The point `metres` from `from` towards `bearing`. */
function offset(from: [number, number], metres: number, bearing: number): [number, number] {
  return destination(from, metres, bearing, { units: 'meters' }).geometry.coordinates as [number, number];
}

const circleArea = (radius: number) => area(circle(CENTRE, radius, { units: 'meters', steps: CIRCLE_STEPS }));

describe('serviceCoverage', () => {
  const community = square(offset(offset(CENTRE, 1000, 180), 1000, 270), 2000, { name: '甲社区' });

  it('covers the circle\'s area for a facility at the centre of a large community', () => {
    const result = serviceCoverage({ facilities: featureCollection([point(CENTRE)]), communities: featureCollection([community]), radiusM: 300 });

    const [row] = result.rows;
    expect(row!.coveredM2).toBeCloseTo(circleArea(300), 0);
    expect(row!.areaM2).toBeCloseTo(area(community), 0);
    expect(row!.share).toBeCloseTo(circleArea(300) / area(community), 6);
    expect(area(row!.uncovered!)).toBeCloseTo(area(community) - circleArea(300), -1);
    expect(result.facilities).toBe(1);
  });

  it('covers a quarter of the circle for a facility at a corner of the community', () => {
    const corner = community.geometry.coordinates[0]![0] as [number, number];
    const result = serviceCoverage({ facilities: featureCollection([point(corner)]), communities: featureCollection([community]), radiusM: 300 });

    const expected = area(circle(corner, 300, { units: 'meters', steps: CIRCLE_STEPS })) / 4;
    expect(Math.abs(result.rows[0]!.coveredM2 - expected) / expected).toBeLessThan(1e-4);
  });

  it('counts overlapping circles once and distant ones twice', () => {
    const communities = featureCollection([community]);
    const twice = serviceCoverage({ facilities: featureCollection([point(CENTRE), point(CENTRE)]), communities, radiusM: 200 });
    const apart = serviceCoverage({ facilities: featureCollection([point(offset(CENTRE, 500, 270)), point(offset(CENTRE, 500, 90))]), communities, radiusM: 200 });

    expect(twice.rows[0]!.coveredM2).toBeCloseTo(circleArea(200), 0);
    expect(apart.rows[0]!.coveredM2 / (2 * circleArea(200))).toBeCloseTo(1, 4);
  });

  it('counts buildings and households as covered when the building\'s centre is within the radius', () => {
    const west = square(offset(CENTRE, 3000, 270), 2000, { name: '乙社区' });
    const building = (at: [number, number], households: unknown) => square(at, 20, { households });
    const buildings = featureCollection([
      building(offset(CENTRE, 100, 45), 60), // covered
      building(offset(CENTRE, 280, 0), 40), // south-west corner 280 m north, its centre ~290 m away: covered
      building(offset(CENTRE, 600, 135), 25), // in the community, outside the circle
      building(offset(CENTRE, 2500, 270), 30), // in the western community
      building(offset(CENTRE, 9000, 0), 99), // in no community
      building(offset(CENTRE, 50, 200), 'unknown'), // covered, households not a number
    ]);
    const result = serviceCoverage({ facilities: featureCollection([point(CENTRE)]), communities: featureCollection([community, west]), buildings, radiusM: 300 });

    const [a, b] = result.rows;
    expect(a).toMatchObject({ buildings: 4, buildingsCovered: 3, households: 125, householdsCovered: 100 });
    expect(b).toMatchObject({ buildings: 1, buildingsCovered: 0, households: 30, householdsCovered: 0, coveredM2: 0, share: 0 });
    expect(area(b!.uncovered!)).toBeCloseTo(area(west), -1);
    expect(result.buildingsOutside).toBe(1);
    expect(result.total).toMatchObject({ buildings: 5, buildingsCovered: 3, households: 155, householdsCovered: 100 });
    expect(result.total.areaM2).toBeCloseTo(area(community) + area(west), 0);
    expect(result.total.share).toBeCloseTo(circleArea(300) / (area(community) + area(west)), 6);
    expect(uncoveredCollection(result).features.map((f) => f.properties?.name)).toEqual(['甲社区', '乙社区']);
  });

  it('leaves every community uncovered without facilities', () => {
    const result = serviceCoverage({ facilities: featureCollection([]), communities: featureCollection([community]), radiusM: 300 });

    expect(result.coverage).toBeNull();
    expect(result.rows[0]).toMatchObject({ coveredM2: 0, share: 0 });
    expect(result.rows[0]!.uncovered).toBe(community);
  });

  it('refuses more facility points than one run takes', () => {
    const many = featureCollection(Array.from({ length: MAX_ANALYSIS_FEATURES + 1 }, (_, i) => point(offset(CENTRE, i, 90))));
    expect(() => serviceCoverage({ facilities: many, communities: featureCollection([community]), radiusM: 100 })).toThrow(TooManyFeaturesError);
  });

  it('rejects a radius that is not a positive distance up to 5 km', () => {
    const input = { facilities: featureCollection([point(CENTRE)]), communities: featureCollection([community]) };
    for (const radiusM of [0, -5, Number.NaN, 5001]) expect(() => serviceCoverage({ ...input, radiusM })).toThrow(RangeError);
  });
});
