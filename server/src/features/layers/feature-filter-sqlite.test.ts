import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database';
import type { FeatureFilter, PropertyRef } from './feature-filter';
import { filterToSqlite, INTERSECTS_FUNCTION, likeToGlob } from './feature-filter-sqlite';
import { createFeatureRepository } from './feature-repository';
import { createLayerRepository } from './layer-repository';

const NOW = '2011-12-31T00:00:00.000Z';
const status: PropertyRef = { kind: 'property', name: 'status', type: 'string' };

describe('CQL2 LIKE as a case-sensitive GLOB', () => {
  it.each([
    ['Room 1%', 'Room 1*'],
    ['Room _', 'Room ?'],
    ['100\\%', '100%'],
    ['a\\_b', 'a_b'],
    ['[x]*?', '[[]x][*][?]'],
  ])('%s → %s', (like, glob) => {
    expect(likeToGlob(like)).toBe(glob);
  });
});

describe('filterToSqlite', () => {
  it('binds every value as a parameter and never writes it into the SQL', () => {
    const evil = "x') OR 1=1 --";
    const f: FeatureFilter = { op: 'or', args: [
      { op: '=', left: status, right: { kind: 'literal', value: evil } },
      { op: 'in', left: status, list: [{ kind: 'literal', value: evil }] },
      { op: 'like', left: status, pattern: evil },
    ] };
    const { sql, params } = filterToSqlite(f);
    expect(sql).not.toContain('1=1');
    expect(params).toEqual(['$."status"', evil, '$."status"', evil, '$."status"', "x') OR 1=1 --"]);
  });

  it('refuses a property name that would break out of the JSON path', () => {
    expect(() => filterToSqlite({ op: 'isNull', arg: { ...status, name: 'a"b' } })).toThrow(/JSON path/);
  });
});

describe('S_INTERSECTS on SQLite', () => {
  it('runs the exact test only on the rows the R*Tree kept', () => {
    const db = openDatabase(':memory:');
    const layers = createLayerRepository(db);
    const features = createFeatureRepository(db);
    layers.upsert({
      id: 'rooms', title: { zh: 'r', en: 'r' }, description: { zh: '', en: '' }, group: 'ecology', geometryType: 'Point',
      schema: { type: 'object', required: [], properties: {} }, style: { color: '#000000' }, options: {}, attribution: '', sortOrder: 0,
    }, NOW);
    for (let i = 0; i < 500; i += 1) {
      const lon = 120 + i * 0.01;
      features.insert({ layerId: 'rooms', geometry: JSON.stringify({ type: 'Point', coordinates: [lon, 30] }), properties: '{}', bbox: [lon, 30, lon, 30], datetimeStart: null, datetimeEnd: null }, NOW);
    }
    const square = { type: 'Polygon' as const, coordinates: [[[120.005, 29.9], [120.035, 29.9], [120.035, 30.1], [120.005, 30.1], [120.005, 29.9]]] };
    const filter: FeatureFilter = { op: 's_intersects', geometry: square, bbox: [120.005, 29.9, 120.035, 30.1] };
    expect(features.query({ layerId: 'rooms', filter, limit: 10, offset: 0 }).numberMatched).toBe(3);

    let calls = 0;
    db.function(INTERSECTS_FUNCTION, { deterministic: true }, (_stored: unknown, _token: unknown) => {
      calls += 1;
      return 1;
    });
    expect(features.query({ layerId: 'rooms', filter, limit: 10, offset: 0 }).numberMatched).toBe(3);
    expect(calls).toBe(3);
  });
});
