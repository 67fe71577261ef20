import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { LayerDefinition } from '@shared/layers';
import catalogueText from '../../../../data/layers.json?raw';
import { sampleLayer } from '../layers';
import { rankMatches } from './match';
import { searchableKeys, searchableLayers, searchEntries } from './searchIndex';

const LAYER_FILES = import.meta.glob<string>('../../../../data/layers/*.geojson', { query: '?raw', import: 'default', eager: true });

/** A layer's demo features from data/layers. */
function demoLayer(id: string): FeatureCollection {
  const text = LAYER_FILES[`../../../../data/layers/${id}.geojson`];
  if (text === undefined) throw new Error(`no data/layers/${id}.geojson`);
  return JSON.parse(text) as FeatureCollection;
}

const dealers = sampleLayer({
  id: 'car-dealers',
  geometryType: 'Point',
  labelProperty: 'brand',
  schema: {
    type: 'object',
    required: [],
    properties: {
      name: { type: 'string' },
      name_en: { type: 'string' },
      brand: { type: 'string' },
      brand_en: { type: 'string' },
      category: { type: 'string' },
      address: { type: 'string' },
      code: { type: 'string' },
      opening_year: { type: 'integer' },
    },
  },
});

function point(id: string | number | undefined, properties: Record<string, unknown>): FeatureCollection['features'][number] {
  return { type: 'Feature', ...(id === undefined ? {} : { id }), geometry: { type: 'Point', coordinates: [120.16, 30.24] }, properties };
}

describe('searchableKeys', () => {
  it('searches names in both languages and the label property first, then codes and addresses, never other fields', () => {
    expect(searchableKeys(dealers)).toEqual([
      { key: 'name', isName: true }, { key: 'name_en', isName: true }, { key: 'brand', isName: true }, { key: 'brand_en', isName: true },
      { key: 'address', isName: false }, { key: 'code', isName: false },
    ]);
  });
});

describe('searchEntries', () => {
  it('keeps the non-empty searchable texts of each feature that has an id and a geometry', () => {
    const entries = searchEntries(dealers, {
      type: 'FeatureCollection',
      features: [
        point(7, { name: '清波汽车城', name_en: 'Qingbo Auto Mall', brand: '', category: '轿车', address: '南山路 1 号', opening_year: 2009 }),
        point(undefined, { name: '无编号' }),
        point('x', { category: '只有类别' }),
        { type: 'Feature', id: 'nogeom', geometry: null as never, properties: { name: '无几何' } },
      ],
    });

    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ layerId: 'car-dealers', featureId: '7' });
    expect(entries[0]!.fields.map((f) => [f.key, f.normalized, f.isName])).toEqual([
      ['name', '清波汽车城', true], ['name_en', 'qingbo auto mall', true], ['address', '南山路 1 号', false],
    ]);
  });
});

describe('searching the demo district', () => {
  const catalogue = JSON.parse(catalogueText) as LayerDefinition[];
  const entries = catalogue.flatMap((layer) => {
    const collection = demoLayer(layer.id);
    const withIds = { ...collection, features: collection.features.map((f, i) => ({ ...f, id: f.id ?? i + 1 })) };
    return searchEntries(layer, withIds);
  });
  const top = (query: string) => rankMatches(entries, query).hits.map((hit) => `${hit.item.layerId}:${hit.field.value}`);

  it('finds the 红门局 alley first, then the buildings, rooms and lamps named after it', () => {
    const hits = top('红门局');
    expect(hits[0]).toBe('alley-renovations:红门局');
    expect(hits.slice(1)).toEqual([
      'courtyard-buildings:红门局6号1幢', 'garbage-rooms:红门局生态垃圾房',
      'solar-installations:红门局6号1幢太阳能楼道灯1', 'solar-installations:红门局6号1幢太阳能楼道灯2',
    ]);
  });

  it('finds streets, communities and grid cells by English name or code', () => {
    expect(top('yangbatou')[0]).toBe('alley-renovations:Yangbatou Alley');
    const community = catalogue.find((l) => l.id === 'communities')!;
    const firstCommunity = demoLayer('communities').features[0]!.properties as Record<string, string>;
    expect(top(firstCommunity.name_en!)[0]).toBe(`${community.id}:${firstCommunity.name_en}`);
    const grid = demoLayer('grid-cells').features[0]!.properties as Record<string, string>;
    expect(top(grid.code!)[0]).toBe(`grid-cells:${grid.code}`);
    const road = demoLayer('roads').features[0]!.properties as Record<string, string>;
    expect(top(road.name!)[0]).toBe(`roads:${road.name}`);
  });
});

describe('searching case numbers', () => {
  /** The cases layer as the server describes it: read-only, named by the case number, with a community it must not be found by. */
  const cases = sampleLayer({
    id: 'cases',
    readOnly: true,
    labelProperty: 'name',
    schema: {
      type: 'object',
      required: [],
      properties: {
        name: { type: 'string', title: '案件编号' },
        number: { type: 'string', title: '案件编号' },
        community: { type: 'string', title: '社区' },
        address: { type: 'string' },
        category: { type: 'string' },
      },
    },
  });
  const entries = searchEntries(cases, {
    type: 'FeatureCollection',
    features: [
      point(123, { name: 'QB2011-000123', number: 'QB2011-000123', community: '清河坊社区', address: '河坊街', category: '道路不洁' }),
      point(1123, { name: 'QB2011-001123', number: 'QB2011-001123', community: '清河坊社区' }),
      point(2880, { name: 'QB2026-000001', number: 'QB2026-000001', community: '清波门社区' }),
    ],
  });
  const found = (query: string) => rankMatches(entries, query).hits.map((hit) => hit.item.featureId);

  it('searches every layer, a workflow layer by its names only', () => {
    expect(searchableLayers([dealers, cases]).map((l) => l.id)).toEqual(['car-dealers', 'cases']);
    expect(searchableKeys(cases)).toEqual([{ key: 'name', isName: true }]);
  });

  it('finds a case by its whole number in any case and width, by its tail, but not by its community or address', () => {
    expect(found('QB2011-000123')).toEqual(['123']);
    expect(found('qb2011-000123')).toEqual(['123']);
    expect(found('ＱＢ２０２６－０００００１')).toEqual(['2880']);
    expect(found('000123')).toEqual(['123']);
    expect(found('123')).toEqual(['123', '1123']);
    expect(found('清河坊')).toEqual([]);
    expect(found('河坊街')).toEqual([]);
  });
});
