import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { LayerSchema } from '@shared/layers';
import { cql2Filter, csvCell, exportableCollection, filteredCollection, serverExportUrl, toCsv } from './exportFeatures';

const schema: LayerSchema = {
  type: 'object', required: [],
  properties: { name: { type: 'string' }, status: { type: 'string', enum: ['planned', 'in_service'] }, households: { type: 'integer' } },
};
const rooms: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', id: 1, properties: { name: '清波门1号, "东"', status: 'planned', households: 300 }, geometry: { type: 'Point', coordinates: [120.1, 30.2] } },
    { type: 'Feature', id: 2, properties: { name: '=HYPERLINK("x")', status: 'in_service' }, geometry: { type: 'Point', coordinates: [120.3, 30.4] } },
  ],
};

describe('exporting a layer', () => {
  it('keeps only the features the filter lets through', () => {
    expect(filteredCollection(rooms, { status: { kind: 'in', values: ['planned'] } }).features.map((f) => f.id)).toEqual([1]);
    expect(filteredCollection(rooms, undefined).features).toHaveLength(2);
  });

  it('has nothing to export when no feature passes the filter (no empty file), and the matching features otherwise', () => {
    expect(exportableCollection(rooms, { households: { kind: 'range', min: 1000 } })).toBeNull();
    expect(exportableCollection(rooms, { status: { kind: 'in', values: [] } })).toBeNull();
    expect(exportableCollection({ type: 'FeatureCollection', features: [] }, undefined)).toBeNull();
    expect(exportableCollection(rooms, { households: { kind: 'range', min: 100, max: 300 } })?.features.map((f) => f.id)).toEqual([1]);
  });

  it('writes CSV with schema columns, a point per feature, quoting and formula guards', () => {
    const lines = toCsv(rooms.features, schema).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,name,status,households,lon,lat,geometry');
    expect(lines[1]).toBe('1,"清波门1号, ""东""",planned,300,120.1,30.2,"{""type"":""Point"",""coordinates"":[120.1,30.2]}"');
    expect(lines[2]).toMatch(/^2,"'=HYPERLINK\(""x""\)",in_service,,120\.3,30\.4,/);
  });

  it.each([
    ['=', '=1+1', "'=1+1"],
    ['+', '+86 571', "'+86 571"],
    ['-', '-2+3', "'-2+3"],
    ['@', '@SUM(A1)', "'@SUM(A1)"],
    ['a tab', '\t=1+1', "'\t=1+1"],
    ['a carriage return', '\r=1+1', '"\'\r=1+1"'],
  ])('guards text starting with %s', (_label, value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('leaves numbers and text that only contains those characters alone', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a=b+c-d@e')).toBe('a=b+c-d@e');
    expect(csvCell(' =1')).toBe(' =1');
  });

  it('guards header cells too (property names come from an editable layer schema)', () => {
    const hostile: LayerSchema = { type: 'object', required: [], properties: { '=cmd|\'/c calc\'!A1': { type: 'string' }, '\tname': { type: 'string' } } };
    const [head] = toCsv([], hostile).replace(/^\uFEFF/, '').split('\r\n');
    expect(head).toBe("id,'=cmd|'/c calc'!A1,'\tname,lon,lat,geometry");
  });
});

describe('downloads the server writes', () => {
  const dated: LayerSchema = { ...schema, properties: { ...schema.properties, opened: { type: 'string', format: 'date' }, floors: { type: 'integer', enum: [5, 6] } } };

  it('sends the layer filter as CQL2 text: value lists, numeric ranges, years, quotes doubled', () => {
    expect(cql2Filter({ status: { kind: 'in', values: ['planned', "o'clock"] }, households: { kind: 'range', min: 100 }, opened: { kind: 'years', min: 2010, max: 2011 } }, dated))
      .toBe(`("status" IN ('planned', 'o''clock')) AND ("households" >= 100) AND ("opened" >= DATE('2010-01-01') AND "opened" <= DATE('2011-12-31'))`);
    expect(cql2Filter({ floors: { kind: 'in', values: ['5'] }, households: { kind: 'range', max: 9.5 } }, dated)).toBe('("floors" IN (5)) AND ("households" <= 9.5)');
  });

  it('sends no filter when nothing is restricted, and offers no download when nothing can pass', () => {
    expect(cql2Filter(undefined, dated)).toBeUndefined();
    expect(cql2Filter({ households: { kind: 'range' } }, dated)).toBeUndefined();
    expect(cql2Filter({ status: { kind: 'in', values: [] } }, dated)).toBeNull();
    expect(serverExportUrl('garbage-rooms', 'shp', { status: { kind: 'in', values: [] } }, dated)).toBeNull();
  });

  it('builds the items URL with f and the filter', () => {
    expect(serverExportUrl('garbage-rooms', 'gpkg', undefined, dated)).toBe('/ogc/collections/garbage-rooms/items?f=gpkg');
    const url = new URL(serverExportUrl('garbage-rooms', 'shp', { status: { kind: 'in', values: ['planned'] } }, dated)!, 'http://x');
    expect(Object.fromEntries(url.searchParams)).toEqual({ f: 'shp', filter: `("status" IN ('planned'))`, 'filter-lang': 'cql2-text' });
  });
});
