import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { StyleSpecification } from 'maplibre-gl';
import type { Layer } from '../features/layers';
import { layerStyles } from './layer-styles';
import { LIGHT } from './palette';

const layer = (style: Layer['style']): Layer => ({
  id: 'cases', title: { zh: '案件', en: 'Cases' }, description: { zh: '', en: '' }, group: 'services', geometryType: 'Point',
  schema: { type: 'object', required: [], properties: { name: { type: 'string' }, clock: { type: 'string' } } },
  style, options: { labelProperty: 'name' }, attribution: '', sortOrder: 0, version: 1, updatedAt: '',
});

function asStyle(l: Layer): StyleSpecification {
  return {
    version: 8,
    sources: { thematic: { type: 'vector', tiles: ['http://x/{z}/{x}/{y}.mvt'] } },
    layers: layerStyles(l, 'thematic', LIGHT, 'zh').map((p) => p.spec),
  };
}

describe('layer style hints', () => {
  it('draw a plain point layer as circles, counts and labels', () => {
    const style = asStyle(layer({ color: '#b2182b' }));
    expect(style.layers.map((l) => l.id)).toEqual(['cases-circle', 'cases-count', 'cases-label']);
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('add a heatmap, colour by a property and hide labels below a zoom', () => {
    const style = asStyle(layer({ color: '#b2182b', heatmap: true, colorBy: { property: 'clock', values: { green: '#1a9850', red: '#d73027' } }, labelMinZoom: 17 }));
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.layers.map((l) => l.id)).toEqual(['cases-heatmap', 'cases-circle', 'cases-count', 'cases-label']);
    const circle = style.layers[1] as { minzoom?: number; paint: Record<string, unknown> };
    expect(circle.minzoom).toBe(14);
    expect(circle.paint['circle-color']).toEqual(['match', ['to-string', ['get', 'clock']], 'green', '#1a9850', 'red', '#d73027', '#b2182b']);
    expect((style.layers[3] as { minzoom?: number }).minzoom).toBe(17);
    expect(style.layers.every((l) => (l.metadata as Record<string, string>)['qingbo:swatch'] === '#b2182b')).toBe(true);
  });

  it('colour lines and polygons by a property too (renovation status)', () => {
    const colorBy = { property: 'status', values: { planned: '#8e9aaf', accepted: '#d55e00' } };
    const expected = ['match', ['to-string', ['get', 'status']], 'planned', '#8e9aaf', 'accepted', '#d55e00', '#d55e00'];
    const line = asStyle({ ...layer({ color: '#d55e00', colorBy }), id: 'alleys', geometryType: 'LineString' });
    expect(validateStyleMin(line)).toEqual([]);
    expect((line.layers[0] as { paint: Record<string, unknown> }).paint['line-color']).toEqual(expected);
    const area = asStyle({ ...layer({ color: '#d55e00', colorBy }), id: 'courtyards', group: 'renovation', geometryType: 'Polygon' });
    expect(validateStyleMin(area)).toEqual([]);
    const [fill, outline] = area.layers as { paint: Record<string, unknown> }[];
    expect(fill!.paint['fill-color']).toEqual(expected);
    expect(outline!.paint['line-color']).toEqual(expected);
  });

  it('start a layer hidden in the console style only', () => {
    const l = layer({ color: '#b2182b', hiddenInConsole: true });
    const visibility = (console: boolean) => layerStyles(l, 'thematic', LIGHT, 'zh', { console }).map((p) => (p.spec.layout as { visibility?: string } | undefined)?.visibility);
    expect(visibility(true).every((v) => v === 'none')).toBe(true);
    expect(visibility(false).every((v) => v === undefined)).toBe(true);
  });

  it('draw a clustered layer as clusters with counts in the console (no heatmap), ring points by a property and list every colour for the legend', () => {
    const l = layer({
      color: '#b2182b', heatmap: true, clusterBelowZoom: 15,
      colorBy: { property: 'state', values: { closed: '#7f7f7f' } },
      strokeBy: { property: 'clock', values: { green: '#1a9850', yellow: '#f2c12e', red: '#67001f' } },
    });
    const console = layerStyles(l, 'thematic', LIGHT, 'zh', { console: true }).map((p) => p.spec);
    const style = { version: 8 as const, sources: { thematic: { type: 'vector' as const, tiles: ['http://x/{z}/{x}/{y}.mvt'] } }, layers: console };
    expect(validateStyleMin(style)).toEqual([]);
    expect(console.map((s) => s.id)).toEqual(['cases-circle', 'cases-count', 'cases-label']);
    const circle = console[0] as { minzoom?: number; paint: Record<string, unknown>; metadata: Record<string, unknown> };
    expect(circle.minzoom).toBeUndefined();
    expect(circle.paint['circle-stroke-color']).toEqual(['case', ['has', 'point_count'], '#ffffff',
      ['match', ['to-string', ['get', 'clock']], 'green', '#1a9850', 'yellow', '#f2c12e', 'red', '#67001f', '#ffffff']]);
    expect(circle.metadata['qingbo:legend']).toEqual([
      { part: 'fill', color: '#7f7f7f', property: 'state', value: 'closed' },
      { part: 'fill', color: '#b2182b' },
      { part: 'stroke', color: '#1a9850', property: 'clock', value: 'green' },
      { part: 'stroke', color: '#f2c12e', property: 'clock', value: 'yellow' },
      { part: 'stroke', color: '#67001f', property: 'clock', value: 'red' },
      { part: 'cluster', color: '#b2182b' },
    ]);
    expect((console[1] as { filter?: unknown }).filter).toEqual(['has', 'point_count']);
    // the console hides the points a tile carries inside clusters; a filtered view shows points, no clusters
    expect((circle as { filter?: unknown }).filter).toEqual(['!', ['has', 'in_cluster']]);
    expect(circle.metadata['qingbo:filtered']).toEqual(['!', ['has', 'point_count']]);
    expect((console[1] as { metadata: Record<string, unknown> }).metadata['qingbo:filtered']).toEqual(['boolean', false]);
    // the big screen's heatmap reads the points, not the clusters over them
    const heatmap = layerStyles(l, 'thematic', LIGHT, 'zh').map((p) => p.spec)[0] as { filter?: unknown };
    expect(heatmap.filter).toEqual(['!', ['has', 'cluster_members']]);
    // the big screen keeps its heatmap, and closer in draws every point (members included), never a cluster
    const screen = layerStyles(l, 'thematic', LIGHT, 'zh').map((p) => p.spec as { id: string; filter?: unknown });
    expect(screen.map((s) => [s.id, s.filter])).toEqual([
      ['cases-heatmap', ['!', ['has', 'cluster_members']]],
      ['cases-circle', ['!', ['has', 'point_count']]],
      ['cases-count', ['boolean', false]],
      ['cases-label', ['!', ['has', 'point_count']]],
    ]);
  });
});
