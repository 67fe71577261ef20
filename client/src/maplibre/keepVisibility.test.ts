import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { keepVisibility } from './keepVisibility';

const style = (textField: string, hidden: string[] = []): StyleSpecification => ({
  version: 8,
  sources: { thematic: { type: 'vector', url: '/tiles/alley-renovations.json' } },
  layers: [
    { id: 'background', type: 'background' },
    { id: 'alley-renovations-line', type: 'line', source: 'thematic', 'source-layer': 'alley-renovations' },
    { id: 'alley-renovations-label', type: 'symbol', source: 'thematic', 'source-layer': 'alley-renovations', layout: { 'text-field': ['get', textField] } },
  ].map((layer) => (hidden.includes(layer.id) ? { ...layer, layout: { ...layer.layout, visibility: 'none' } } : layer)) as StyleSpecification['layers'],
});

describe('keepVisibility', () => {
  it('keeps the layers hidden in the previous style hidden in the next one', () => {
    const next = keepVisibility(style('name', ['alley-renovations-line', 'alley-renovations-label']), style('name_en'));

    expect(next.layers.map((l) => [l.id, l.layout?.visibility])).toEqual([
      ['background', undefined],
      ['alley-renovations-line', 'none'],
      ['alley-renovations-label', 'none'],
    ]);
    expect(next.layers[2]?.layout).toEqual({ 'text-field': ['get', 'name_en'], visibility: 'none' });
  });

  it('returns the next style untouched without a previous one or hidden layers', () => {
    const next = style('name_en');
    expect(keepVisibility(undefined, next)).toBe(next);
    expect(keepVisibility(style('name'), next).layers).toEqual(next.layers);
  });
});
