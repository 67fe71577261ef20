import { describe, expect, it } from 'vitest';
import { clickableLayerIds, pickHit, type RenderedHit } from './featureHits';

const styleLayer = (layer: string, role: string, visibility = 'visible') => ({
  id: `${layer}-${role}`,
  type: role === 'circle' ? 'circle' : role === 'fill' ? 'fill' : role === 'label' || role === 'count' ? 'symbol' : 'line',
  metadata: { 'qingbo:layer': layer, 'qingbo:group': 'renovation', 'qingbo:role': role },
  visibility,
});

const hit = (layer: string, role: string, properties: Record<string, unknown> = { name: layer }, id: number | undefined = 1): RenderedHit => ({
  id, properties, layer: styleLayer(layer, role), sourceLayer: layer,
});

describe('clickableLayerIds', () => {
  it('keeps the visible circle, line and fill layers of catalogue layers', () => {
    const layers = [
      { id: 'background' },
      styleLayer('roads', 'casing'),
      styleLayer('roads', 'line'),
      styleLayer('courtyard-buildings', 'fill'),
      styleLayer('courtyard-buildings', 'line', 'none'),
      styleLayer('garbage-rooms', 'circle'),
      styleLayer('garbage-rooms', 'count'),
      styleLayer('garbage-rooms', 'label'),
    ];

    expect(clickableLayerIds(layers)).toEqual(['roads-line', 'courtyard-buildings-fill', 'garbage-rooms-circle']);
  });
});

describe('pickHit', () => {
  it('prefers points to lines to areas, whatever is drawn on top', () => {
    const picked = pickHit([hit('courtyard-buildings', 'fill'), hit('alley-renovations', 'line'), hit('garbage-rooms', 'circle')]);

    expect(picked).toMatchObject({ kind: 'feature', layerId: 'garbage-rooms', feature: { properties: { name: 'garbage-rooms' } } });
  });

  it('reports an aggregate of points so the map can zoom in instead', () => {
    const picked = pickHit([hit('solar-installations', 'circle', { point_count: 40, cluster: true }, undefined), hit('courtyard-buildings', 'fill')]);

    expect(picked).toMatchObject({ kind: 'aggregate', layerId: 'solar-installations' });
  });

  it('falls back to the source layer without metadata, and finds nothing in no hits', () => {
    expect(pickHit([{ id: 3, properties: {}, layer: { id: 'x', type: 'line' }, sourceLayer: 'roads' }])).toMatchObject({ layerId: 'roads' });
    expect(pickHit([])).toBeUndefined();
  });
});
