import { describe, expect, it } from 'vitest';
import type { Layer } from '../features/layers';
import { buildStyle } from './style';

const layer = (id: string, group: Layer['group'], n: number): Layer => ({
  id, title: { zh: id, en: id }, description: { zh: '', en: '' }, group, geometryType: n % 2 ? 'Point' : 'Polygon',
  schema: { type: 'object', required: [], properties: { name: { type: 'string' } } },
  style: { color: '#336699' }, options: {}, attribution: '', sortOrder: n, version: 1, updatedAt: '',
});

describe('buildStyle', () => {
  it('splits a vector source past the 32 layers one tile request may name', () => {
    const layers = [
      ...Array.from({ length: 3 }, (_, i) => layer(`base-${i}`, 'basemap', i)),
      ...Array.from({ length: 36 }, (_, i) => layer(`theme-${i}`, 'ecology', i)),
    ];
    const style = buildStyle({ name: 'console', layers, baseUrl: 'http://x', lang: 'zh', basemap: 'none' });
    const vector = Object.entries(style.sources).filter(([, s]) => s.type === 'vector') as [string, { url: string }][];
    expect(vector.map(([name]) => name)).toEqual(['basemap', 'thematic', 'thematic-2']);
    const lists = vector.map(([, s]) => /\/tiles\/([^/]+)\.json$/.exec(s.url)![1]!.split(','));
    expect(lists.map((l) => l.length)).toEqual([3, 32, 4]);
    expect(lists.flat().sort()).toEqual(layers.map((l) => l.id).sort());
    for (const spec of style.layers) if ('source' in spec) expect(Object.keys(style.sources)).toContain(spec.source);
  });
});
