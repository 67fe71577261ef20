import { describe, expect, it } from 'vitest';
import { sampleLayer } from '../features/layers/testing';
import { buildLayerSpecs, labelExpression } from './layerSpecs';

const ids = (layer = sampleLayer(), locale: 'zh-CN' | 'en' = 'zh-CN') => buildLayerSpecs(layer, locale).map((p) => [p.slot, p.spec.id, p.spec.type]);

describe('buildLayerSpecs', () => {
  it('draws a thematic line layer in its colour with a label on top', () => {
    const placed = buildLayerSpecs(sampleLayer(), 'zh-CN');

    expect(ids()).toEqual([
      ['geometry', 'alley-renovations-line', 'line'],
      ['label', 'alley-renovations-label', 'symbol'],
    ]);
    expect(placed[0]?.spec).toMatchObject({ source: 'alley-renovations', paint: { 'line-color': '#d95f02' } });
  });

  it('draws polygons as fill and outline, points as circles', () => {
    expect(ids(sampleLayer({ id: 'courtyards', geometryType: 'Polygon' }))).toEqual([
      ['geometry', 'courtyards-fill', 'fill'],
      ['geometry', 'courtyards-line', 'line'],
      ['label', 'courtyards-label', 'symbol'],
    ]);
    expect(ids(sampleLayer({ id: 'rooms', geometryType: 'Point', labelProperty: undefined }))).toEqual([
      ['geometry', 'rooms-circle', 'circle'],
    ]);
  });

  it('draws the district boundary as an unlabelled dashed outline', () => {
    const layer = sampleLayer({ id: 'district-boundary', group: 'administrative', geometryType: 'Polygon' });
    const placed = buildLayerSpecs(layer, 'zh-CN');

    expect(placed).toHaveLength(1);
    expect(placed[0]?.spec).toMatchObject({ id: 'district-boundary-line', paint: { 'line-dasharray': [3, 2] } });
  });

  it('mutes basemap water regardless of the catalogue colour', () => {
    const water = sampleLayer({ id: 'water', group: 'basemap', geometryType: 'Polygon', style: { color: '#ff0000' } });

    expect(buildLayerSpecs(water, 'zh-CN')[0]?.spec).toMatchObject({ paint: { 'fill-color': '#a9cde8' } });
  });
});

describe('labelExpression', () => {
  it('prefers the English property in English when the schema has one', () => {
    expect(labelExpression(sampleLayer(), 'en')).toEqual(['to-string', ['coalesce', ['get', 'name_en'], ['get', 'name'], '']]);
    expect(labelExpression(sampleLayer(), 'zh-CN')).toEqual(['to-string', ['coalesce', ['get', 'name'], '']]);
    expect(labelExpression(sampleLayer({ labelProperty: undefined }), 'zh-CN')).toBeUndefined();
  });
});
