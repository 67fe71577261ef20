import type { StyleSpecification } from 'maplibre-gl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { createLiveHub } from '../live';
import { FakeEventSource } from '../live/testing';
import { useLiveLayers } from './useLiveLayers';

/** Two vector sources: `basemap` draws communities and roads, `pois` draws garbage rooms. */
const STYLE = {
  sources: {
    basemap: { type: 'vector', url: '/tiles/communities,roads.json' },
    pois: { type: 'vector', url: '/tiles/garbage-rooms.json' },
  },
  layers: [
    { id: 'communities-fill', type: 'fill', source: 'basemap', metadata: { 'qingbo:layer': 'communities' } },
    { id: 'roads-line', type: 'line', source: 'basemap', metadata: { 'qingbo:layer': 'roads' } },
    { id: 'garbage-rooms-circle', type: 'circle', source: 'pois', metadata: { 'qingbo:layer': 'garbage-rooms' } },
  ],
} as unknown as StyleSpecification;

function setup(known: Record<string, number> = {}) {
  const source = new FakeEventSource();
  source.open();
  const hub = createLiveHub({ connect: () => source, delay: () => 1000, checkSession: async () => true });
  const reloads: string[] = [];
  const map = {
    getSource: (id: string) => ({ setUrl: (url: string) => reloads.push(`${id} ${url}`) }),
    getStyle: () => STYLE,
  };
  const changes: string[][] = [];
  const scope = effectScope();
  scope.run(() => useLiveLayers({ map: map as never, hub, known: (id) => known[id], onChange: (ids) => changes.push(ids), debounceMs: 250, maxWaitMs: 1000 }));
  return { source, reloads, changes, scope };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useLiveLayers', () => {
  it('reloads the sources drawing a changed layer once the burst is over, then reports the layers', () => {
    const { source, reloads, changes, scope } = setup();
    for (let v = 1; v <= 50; v += 1) source.emit('layer.changed', '', { layerId: 'garbage-rooms', version: v });
    source.emit('layer.changed', '', { layerId: 'roads', version: 7 });
    expect(reloads).toEqual([]);
    vi.advanceTimersByTime(249);
    source.emit('layer.changed', '', { layerId: 'garbage-rooms', version: 51 });
    vi.advanceTimersByTime(249);
    expect(reloads).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(reloads).toEqual(['pois /tiles/garbage-rooms.json', 'basemap /tiles/communities,roads.json']);
    expect(changes).toEqual([['garbage-rooms', 'roads']]);
    scope.stop();
  });

  it('acts within a second while changes keep coming, and skips versions already shown', () => {
    const { source, reloads, changes, scope } = setup({ communities: 5 });
    source.emit('layer.changed', '', { layerId: 'communities', version: 5 });
    vi.advanceTimersByTime(1000);
    expect(changes).toEqual([]);
    // ten changes 150 ms apart: one reload after a second, one after the last
    for (let t = 0; t < 10; t += 1) {
      source.emit('layer.changed', '', { layerId: 'garbage-rooms', version: 10 + t });
      vi.advanceTimersByTime(150);
    }
    expect(changes).toEqual([['garbage-rooms']]);
    vi.advanceTimersByTime(250);
    expect(changes).toEqual([['garbage-rooms'], ['garbage-rooms']]);
    expect(reloads).toEqual(['pois /tiles/garbage-rooms.json', 'pois /tiles/garbage-rooms.json']);
    scope.stop();
    source.emit('layer.changed', '', { layerId: 'garbage-rooms', version: 30 });
    vi.advanceTimersByTime(2000);
    expect(changes).toHaveLength(2);
  });
});
