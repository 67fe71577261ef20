import { area, booleanPointInPolygon, destination, featureCollection, point, polygon } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { TooManyFeaturesError } from './buffer';
import { MAX_COVERAGE_FACILITIES, serviceCoverage, uncoveredCollection } from './coverage';
import { MAX_DRAWN_POSITIONS } from './coverageShapes';

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

/** A disc's area, πr². */
const discArea = (radius: number) => Math.PI * radius * radius;

/** Expects `actual` within `share` (relative) of `expected`: the method's stated accuracy is 1 %, these cases do better. */
function expectWithin(actual: number, expected: number, share = 0.005): void {
  expect(Math.abs(actual - expected) / expected, `${actual} vs ${expected}`).toBeLessThan(share);
}

describe('serviceCoverage', () => {
  const community = square(offset(offset(CENTRE, 1000, 180), 1000, 270), 2000, { name: '甲社区' });

  // Before the scan lines (issue 17) the circles were 64-gons unioned by turf, 0.16 % smaller than
  // the disc: expectations are now the disc's πr², within the method's accuracy.
  it('covers the disc\'s area for a facility at the centre of a large community', () => {
    const result = serviceCoverage({ facilities: featureCollection([point(CENTRE)]), communities: featureCollection([community]), radiusM: 300 });

    const [row] = result.rows;
    expectWithin(row!.coveredM2, discArea(300)); // 282,743 m²
    expect(row!.areaM2).toBeCloseTo(area(community), 0);
    expectWithin(row!.share, discArea(300) / 4e6); // 2 km × 2 km
    expectWithin(area(row!.uncovered!), 4e6 - discArea(300));
    expect(booleanPointInPolygon(CENTRE, row!.uncovered!)).toBe(false);
    expect(booleanPointInPolygon(offset(CENTRE, 310, 30), row!.uncovered!)).toBe(true);
    expect(booleanPointInPolygon(CENTRE, result.coverage!)).toBe(true);
    expect(result.facilities).toBe(1);
  });

  it('covers a quarter of the disc for a facility at a corner of the community', () => {
    const corner = community.geometry.coordinates[0]![0] as [number, number];
    const result = serviceCoverage({ facilities: featureCollection([point(corner)]), communities: featureCollection([community]), radiusM: 300 });

    expectWithin(result.rows[0]!.coveredM2, discArea(300) / 4);
  });

  it('counts overlapping circles once and distant ones twice', () => {
    const communities = featureCollection([community]);
    const twice = serviceCoverage({ facilities: featureCollection([point(CENTRE), point(CENTRE)]), communities, radiusM: 200 });
    const apart = serviceCoverage({ facilities: featureCollection([point(offset(CENTRE, 500, 270)), point(offset(CENTRE, 500, 90))]), communities, radiusM: 200 });

    expectWithin(twice.rows[0]!.coveredM2, discArea(200));
    expectWithin(apart.rows[0]!.coveredM2, 2 * discArea(200));
  });

  it('covers the union of two 60 m discs 100 m apart, their lens counted once', () => {
    // 2πr² − (2r²·acos(d/2r) − (d/2)·√(4r² − d²)) = 22,619.5 − (4,216.9 − 3,316.6) = 21,719.2 m²
    const facilities = featureCollection([point(offset(CENTRE, 50, 270)), point(offset(CENTRE, 50, 90))]);
    const result = serviceCoverage({ facilities, communities: featureCollection([community]), radiusM: 60 });

    expectWithin(result.rows[0]!.coveredM2, 21_719.2);
    expectWithin(area(result.coverage!), 21_719.2);
    expect(result.coverageOutline!.geometry.type).toBe('MultiLineString');
    expect(result.circles.features).toHaveLength(2);
  });

  it('counts a building whose centre is just inside the radius as covered and one just outside as not', () => {
    const near = (metres: number, bearing: number, households: number) => {
      const centre = offset(CENTRE, metres, bearing);
      return square(offset(offset(centre, 2, 180), 2, 270), 4, { households });
    };
    const far = offset(CENTRE, 800, 0); // a second facility the KD-tree must not confuse with the first
    const buildings = featureCollection([near(99.5, 0, 1), near(100.5, 0, 10), near(99.5, 135, 100), near(100.5, 225, 1000), near(99.7, 180, 10_000)]);
    const result = serviceCoverage({ facilities: featureCollection([point(CENTRE), point(far)]), communities: featureCollection([community]), buildings, radiusM: 100 });

    expect(result.rows[0]).toMatchObject({ buildings: 5, buildingsCovered: 3, households: 11_111, householdsCovered: 10_101 });
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
    expectWithin(result.total.share, discArea(300) / 8e6);
    expect(b!.uncovered).toBe(west);
    expect(uncoveredCollection(result).features.map((f) => f.properties?.name)).toEqual(['甲社区', '乙社区']);
  });

  it('gives empty figures for no communities, with or without facilities', () => {
    for (const facilities of [featureCollection([]), featureCollection([point(CENTRE)])]) {
      const result = serviceCoverage({ facilities, communities: featureCollection([]), radiusM: 300 });
      expect(result.rows).toEqual([]);
      expect(result.total).toMatchObject({ areaM2: 0, coveredM2: 0, share: 0, buildings: 0 });
    }
  });

  it('leaves every community uncovered without facilities', () => {
    const result = serviceCoverage({ facilities: featureCollection([]), communities: featureCollection([community]), radiusM: 300 });

    expect(result.coverage).toBeNull();
    expect(result.rows[0]).toMatchObject({ coveredM2: 0, share: 0 });
    expect(result.rows[0]!.uncovered).toBe(community);
  });

  it('takes 10,000 facility points and refuses more', () => {
    expect(MAX_COVERAGE_FACILITIES).toBe(10_000);
    // A row of points 0.2 m apart along a line 2 km long through the centre: a band 2 × 100 m wide.
    const start = offset(CENTRE, 1000, 270);
    const row = Array.from({ length: 10_000 }, (_, i) => point(offset(start, i * 0.2, 90)));
    const result = serviceCoverage({ facilities: featureCollection(row), communities: featureCollection([community]), radiusM: 100 });
    // A band 200 m high across the whole community (2,000 m): the half discs at its ends lie outside it.
    expectWithin(result.rows[0]!.coveredM2, 2000 * 200);
    expect(result.circles.features).toHaveLength(0);

    const tooMany = featureCollection([...row, point(CENTRE)]);
    expect(() => serviceCoverage({ facilities: tooMany, communities: featureCollection([community]), radiusM: 100 })).toThrow(TooManyFeaturesError);
  });

  it('measures 2,025 small discs on the fine scan lines but draws them coarser, within the drawing budget', () => {
    // 45 × 45 facilities 20 m apart, 5 m radius: disjoint discs, 2,025 × π × 25 m² = 159,043 m².
    const origin = offset(offset(CENTRE, 450, 180), 450, 270);
    const grid = Array.from({ length: 45 * 45 }, (_, i) => point(offset(offset(origin, 20 * Math.floor(i / 45), 0), 20 * (i % 45), 90)));
    const result = serviceCoverage({ facilities: featureCollection(grid), communities: featureCollection([community]), radiusM: 5 });

    expectWithin(result.rows[0]!.coveredM2, 2025 * discArea(5), 0.01);
    expect(result.scanStepM).toBe(0.25);
    expect(result.drawnStepM).toBeGreaterThan(result.scanStepM);
    const positions = JSON.stringify([result.coverage, result.coverageOutline, result.rows[0]!.uncovered, result.rows[0]!.uncoveredOutline]).split('],[').length;
    expect(positions).toBeLessThan(MAX_DRAWN_POSITIONS);
  });

  it('reports its progress up to 1', () => {
    const done: number[] = [];
    serviceCoverage({ facilities: featureCollection([point(CENTRE)]), communities: featureCollection([community]), radiusM: 300 }, (d) => done.push(d));
    expect(done.length).toBeGreaterThan(3);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(1);
  });

  it('rejects a radius that is not a positive distance up to 5 km', () => {
    const input = { facilities: featureCollection([point(CENTRE)]), communities: featureCollection([community]) };
    for (const radiusM of [0, -5, Number.NaN, 5001]) expect(() => serviceCoverage({ ...input, radiusM })).toThrow(RangeError);
  });
});
