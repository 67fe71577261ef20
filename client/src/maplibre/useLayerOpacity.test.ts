import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, reactive } from 'vue';
import { sampleStyle } from '../features/layers';
import { useLayerOpacity, type OpacityTarget } from './useLayerOpacity';

/** A map drawing `style`: its paint values start as served; `swapStyle` puts them back as a style swap does and fires `styledata`. */
function fakeMap(style: StyleSpecification) {
  const paint = new Map<string, unknown>();
  const listeners = new Set<() => void>();
  const calls: string[] = [];
  const reset = () => {
    paint.clear();
    for (const layer of style.layers) {
      for (const [name, value] of Object.entries((layer as { paint?: Record<string, unknown> }).paint ?? {})) paint.set(`${layer.id}|${name}`, value);
    }
  };
  reset();
  const map: OpacityTarget = {
    getLayer: (id) => style.layers.find((l) => l.id === id),
    getPaintProperty: (id, name) => paint.get(`${id}|${name}`),
    setPaintProperty: (id, name, value) => {
      calls.push(`${id} ${name}=${JSON.stringify(value)}`);
      paint.set(`${id}|${name}`, value);
    },
    on: (_type, listener) => listeners.add(listener),
    off: (_type, listener) => listeners.delete(listener),
  };
  const swapStyle = () => {
    reset();
    for (const listener of [...listeners]) listener();
  };
  return { map, calls, paint: (id: string, name: string) => paint.get(`${id}|${name}`), swapStyle, listeners };
}

describe('useLayerOpacity', () => {
  it('scales every opacity of a catalogue layer\'s style layers, and restores the served values at full opacity', async () => {
    const style = sampleStyle();
    const { map, calls, paint } = fakeMap(style);
    const opacity = reactive<Record<string, number>>({ 'courtyard-buildings': 0.6 });
    const scope = effectScope();

    scope.run(() => useLayerOpacity({ style, opacity, map }));
    expect(calls).toEqual(['courtyard-buildings-fill fill-opacity=0.21', 'courtyard-buildings-line line-opacity=0.6']);

    calls.length = 0;
    opacity['garbage-rooms'] = 0.5;
    opacity['courtyard-buildings'] = 1;
    await nextTick();
    expect(calls).toEqual([
      'courtyard-buildings-fill fill-opacity=0.35', 'courtyard-buildings-line line-opacity=undefined',
      'garbage-rooms-circle circle-opacity=0.5', 'garbage-rooms-circle circle-stroke-opacity=0.5',
      'garbage-rooms-count text-opacity=0.5', 'garbage-rooms-count icon-opacity=0.5',
      'garbage-rooms-label text-opacity=0.5', 'garbage-rooms-label icon-opacity=0.5',
    ]);
    expect(paint('roads-line', 'line-opacity')).toBeUndefined();
    scope.stop();
  });

  it('scales each stop of a zoom curve and wraps a data-driven expression', () => {
    const style = sampleStyle();
    const heat = ['interpolate', ['linear'], ['zoom'], 13, 0.8, 16, 0];
    const cluster = ['case', ['has', 'point_count'], 0.75, 1];
    style.layers.push(
      { id: 'garbage-rooms-heatmap', type: 'heatmap', source: 'thematic', 'source-layer': 'garbage-rooms', metadata: { 'qingbo:layer': 'garbage-rooms' }, paint: { 'heatmap-opacity': heat } } as StyleSpecification['layers'][number],
    );
    Object.assign((style.layers.find((l) => l.id === 'garbage-rooms-circle') as { paint: object }).paint, { 'circle-opacity': cluster });
    const { map, paint } = fakeMap(style);
    const scope = effectScope();

    scope.run(() => useLayerOpacity({ style, opacity: { 'garbage-rooms': 0.5 }, map }));

    expect(paint('garbage-rooms-heatmap', 'heatmap-opacity')).toEqual(['interpolate', ['linear'], ['zoom'], 13, 0.4, 16, 0]);
    expect(paint('garbage-rooms-circle', 'circle-opacity')).toEqual(['*', 0.5, cluster]);
    scope.stop();
  });

  it('applies again after a style swap and stops listening once its scope is disposed', () => {
    const style = sampleStyle();
    const { map, calls, paint, swapStyle, listeners } = fakeMap(style);
    const scope = effectScope();
    scope.run(() => useLayerOpacity({ style, opacity: { 'alley-renovations': 0.3 }, map }));

    swapStyle();
    expect(paint('alley-renovations-line', 'line-opacity')).toBe(0.3);

    scope.stop();
    calls.length = 0;
    swapStyle();
    expect(listeners.size).toBe(0);
    expect(calls).toEqual([]);
    expect(paint('alley-renovations-line', 'line-opacity')).toBeUndefined();
  });

  it('skips style layers the map does not have (yet)', () => {
    const style = sampleStyle();
    const { map, calls } = fakeMap({ ...style, layers: style.layers.filter((l) => l.id !== 'courtyard-buildings-fill') });
    const scope = effectScope();

    scope.run(() => useLayerOpacity({ style, opacity: { 'courtyard-buildings': 0.5 }, map }));

    expect(calls).toEqual(['courtyard-buildings-line line-opacity=0.5']);
    scope.stop();
  });
});
