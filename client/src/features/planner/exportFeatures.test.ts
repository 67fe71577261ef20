import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { LayerSchema } from '@contracts/layers';
import { filteredCollection, toCsv } from './exportFeatures';

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

  it('writes CSV with schema columns, a point per feature, quoting and formula guards', () => {
    const lines = toCsv(rooms.features, schema).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,name,status,households,lon,lat,geometry');
    expect(lines[1]).toBe('1,"清波门1号, ""东""",planned,300,120.1,30.2,"{""type"":""Point"",""coordinates"":[120.1,30.2]}"');
    expect(lines[2]).toMatch(/^2,"'=HYPERLINK\(""x""\)",in_service,,120\.3,30\.4,/);
  });
});
