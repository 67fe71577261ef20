import { describe, expect, it } from 'vitest';
import type { LayerSpecification } from 'maplibre-gl';
import { legendOf } from './legend';

const meta = (layer: string, role: string, swatch?: string) => ({ 'qingbo:layer': layer, 'qingbo:role': role, ...(swatch ? { 'qingbo:swatch': swatch } : {}) });

describe('legendOf', () => {
  it('takes the circle colour first, then fill, casing, line', () => {
    const layers = [
      { id: 'roads-line', type: 'line', source: 's', metadata: meta('roads', 'line'), paint: { 'line-color': '#ffffff' } },
      { id: 'roads-casing', type: 'line', source: 's', metadata: meta('roads', 'casing'), paint: { 'line-color': '#c9c3b8' } },
      { id: 'rooms-circle', type: 'circle', source: 's', metadata: meta('rooms', 'circle'), paint: { 'circle-color': '#1b9e77' } },
    ] as LayerSpecification[];
    expect(legendOf({ layers })).toEqual({ roads: '#c9c3b8', rooms: '#1b9e77' });
  });

  it('falls back to the metadata swatch when the colour is data-driven', () => {
    const layers = [
      { id: 'cases-circle', type: 'circle', source: 's', metadata: meta('cases', 'circle', '#b2182b'), paint: { 'circle-color': ['match', ['get', 'state'], 'closed', '#7f7f7f', '#b2182b'] } },
    ] as LayerSpecification[];
    expect(legendOf({ layers })).toEqual({ cases: '#b2182b' });
  });
});
