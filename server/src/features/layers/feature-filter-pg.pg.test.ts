import { beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../tests/helpers/test-db';
import type { Db } from '../../db/database';
import { parseCrs } from '../../ogc/crs/crs';
import { parseFilter, type FilterLang } from '../../ogc/cql2';
import type { SortKey } from './feature-filter';
import { filterToPg, likeToPg, sortToPg } from './feature-filter-pg';
import type { Layer } from './layer-repository';

// What the HTTP suite (tests/integration/ogc-filter.test.ts, run on both engines) does not reach: property names that
// need quoting, PostgreSQL's own traps (a LIKE pattern ending in "\", a self-crossing query geometry, the session's
// time zone, collations, jsonb number forms) and SQLite's NULL ordering — each expected as SQLite answers it.

const NOW = '2011-12-31T00:00:00.000Z';
const ODD = 'it\'s "odd"?';
const properties = {
  name: { type: 'string' }, [ODD]: { type: 'string' }, n: { type: 'number' }, flag: { type: 'boolean' },
  day: { type: 'string', format: 'date' }, at: { type: 'string', format: 'date-time' },
};
const layer = { id: 'things', schema: { type: 'object', properties } } as unknown as Layer;
const point = (x: number, y: number) => JSON.stringify({ type: 'Point', coordinates: [x, y] });

// feature k (1-based) is row k - 1; properties as raw JSON text, so number forms (1.0) reach jsonb as written
const FEATURES: [string, string][] = [
  [point(120.05, 30.15), `{"name": "Room 1", ${JSON.stringify(ODD)}: "a", "n": 1.0, "flag": true, "day": "2011-05-01", "at": "2011-05-01T08:00:00+08:00"}`],
  [point(120.25, 30.15), `{"name": "C:\\\\", ${JSON.stringify(ODD)}: "x'y", "n": 1.5, "flag": false, "day": "2011-05-02", "at": "2011-04-30T23:30:00Z"}`],
  [point(120.15, 30.05), '{"name": "room 3", "n": 10, "at": "2011-05-01T00:30:00"}'],
  [point(121, 31), '{"name": "Ärger", "n": -2, "flag": true}'],
  [JSON.stringify({ type: 'Polygon', coordinates: [[[120.1, 30.25], [120.2, 30.25], [120.2, 30.28], [120.1, 30.28], [120.1, 30.25]]] }), '{"name": "Zone"}'],
];

let db: Db;
let ids: number[];

beforeAll(() => {
  db = openTestDatabase();
  db.prepare(`INSERT INTO layers (id, title_zh, title_en, layer_group, geometry_type, schema, created_at, updated_at)
    VALUES ('things', 't', 't', 'ecology', 'Point', ?, ?, ?)`).run(JSON.stringify(layer.schema), NOW, NOW);
  const insert = db.prepare(`INSERT INTO features (layer_id, geometry, properties, created_at, updated_at)
    VALUES ('things', ?, ?::jsonb, ?, ?) RETURNING id`).pluck();
  ids = FEATURES.map(([geometry, props]) => Number(insert.get(geometry, props, NOW, NOW)));
  // instants must not depend on the session's zone
  db.exec("SET TimeZone = 'Asia/Shanghai'");
});

/** The feature numbers (1-based, as in FEATURES) a filter selects, in the order of `sort` (by id when none). */
function select(filter: string, sort?: SortKey[], lang: FilterLang = 'cql2-text'): number[] {
  const where = filterToPg(parseFilter(filter, lang, layer, parseCrs(undefined, 'filter-crs')));
  const order = sortToPg(sort);
  const rows = db.prepare(`SELECT f.id FROM features f WHERE f.layer_id = 'things' AND ${where.sql} ORDER BY ${order.sql}`)
    .pluck().all(...where.params, ...order.params) as number[];
  return rows.map((id) => ids.indexOf(Number(id)) + 1);
}

describe('filterToPg on PostgreSQL/PostGIS', () => {
  it('quotes a property name holding quotes and a question mark, and binds every value', () => {
    const eq = (value: string) => JSON.stringify({ op: '=', args: [{ property: ODD }, value] });
    expect(select(eq("x'y"), undefined, 'cql2-json')).toEqual([2]);
    expect(select(JSON.stringify({ op: 'isNull', args: [{ property: ODD }] }), undefined, 'cql2-json')).toEqual([3, 4, 5]);
    const evil = "x') OR 1=1 --";
    const { sql, params } = filterToPg(parseFilter(`name = '${evil.replace(/'/g, "''")}' OR name LIKE '${evil.replace(/'/g, "''")}'`, 'cql2-text', layer, parseCrs(undefined, 'filter-crs')));
    expect(sql).not.toContain('1=1');
    expect(params).toEqual(['"x\') OR 1=1 --"', "x') OR 1=1 --"]);
    expect(select(`name = '${evil.replace(/'/g, "''")}'`)).toEqual([]);
  });

  it('reads LIKE as CQL2 does: a trailing backslash is literal, ILIKE folds ASCII only (as SQLite\'s lower)', () => {
    expect(likeToPg('C:\\')).toBe('C:\\\\');
    expect(select("name LIKE 'C:\\'")).toEqual([2]);
    expect(select("name LIKE 'Room _'")).toEqual([1]);
    expect(select("name ILIKE 'room%'")).toEqual([1, 3]);
    expect(select("name ILIKE 'ä%'")).toEqual([]);
    expect(select("name ILIKE 'Ä%'")).toEqual([4]);
  });

  it('compares numbers by value, booleans as SQLite does, and leaves missing properties out (also under NOT)', () => {
    expect(select('n = 1')).toEqual([1]);
    expect(select('n IN (1.5, 10)')).toEqual([2, 3]);
    expect(select('n < 2')).toEqual([1, 2, 4]);
    expect(select('n BETWEEN 1 AND 10')).toEqual([1, 2, 3]);
    expect(select('flag = false')).toEqual([2]);
    expect(select('NOT flag = true')).toEqual([2]);
    expect(select('flag < true')).toEqual([2]);
    expect(select("name > 'Room 1'")).toEqual([3, 4, 5]);
  });

  it('compares date-times as UTC instants whatever their offset and the session zone (none written: UTC)', () => {
    expect(select("at = TIMESTAMP('2011-05-01T00:00:00Z')")).toEqual([1]);
    expect(select("T_AFTER(at, TIMESTAMP('2011-04-30T23:45:00Z'))")).toEqual([1, 3]);
    expect(select("T_DURING(day, INTERVAL('2011-04-30', '2011-05-03'))")).toEqual([1, 2]);
    // a span whose ends the feature lacks is open on both sides, so it meets every date
    expect(select("T_INTERSECTS(INTERVAL(day, day), DATE('2011-05-02'))")).toEqual([2, 3, 4, 5]);
  });

  it('tests a self-crossing query geometry without a topology error', () => {
    const bowtie = 'POLYGON((120 30, 120.3 30.3, 120.3 30, 120 30.3, 120 30))';
    expect(select(`S_INTERSECTS(geometry, ${bowtie})`)).toEqual([1, 2]);
    expect(select(`S_INTERSECTS(geometry, GEOMETRYCOLLECTION(${bowtie}))`)).toEqual([1, 2]);
    expect(select('S_INTERSECTS(geometry, BBOX(120.15, 30.26, 120.16, 30.27))')).toEqual([5]);
  });
});

describe('sortToPg', () => {
  const by = (name: string, type: 'string' | 'number' | 'boolean', descending = false): SortKey => ({ property: { kind: 'property', name, type }, descending });

  it('puts a missing property first ascending and last descending, as SQLite', () => {
    expect(select('TRUE', [by('n', 'number')])).toEqual([5, 4, 1, 2, 3]);
    expect(select('TRUE', [by('n', 'number', true)])).toEqual([3, 2, 1, 4, 5]);
  });

  it('orders text byte by byte and ties by id', () => {
    expect(select('TRUE', [by('name', 'string')])).toEqual([2, 1, 5, 3, 4]);
    expect(select('TRUE', [by('flag', 'boolean')])).toEqual([3, 5, 2, 1, 4]);
    expect(select('TRUE', [{ property: null, descending: true }])).toEqual([5, 4, 3, 2, 1]);
  });
});
