import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, reactive } from 'vue';
import { useLayerVisibility, type VisibilityTarget } from './useLayerVisibility';

/** A map holding style layers' metadata and visibility, recording every change made to it. */
function fakeMap(layers: { id: string; layer?: string }[]) {
  const visibility = new Map<string, string>();
  const calls: string[] = [];
  const map: VisibilityTarget = {
    getLayersOrder: () => layers.map((l) => l.id),
    getLayer: (id) => {
      const found = layers.find((l) => l.id === id);
      return found && { id, metadata: found.layer ? { 'qingbo:layer': found.layer, 'qingbo:role': id.split('-').pop() } : undefined };
    },
    getLayoutProperty: (id) => visibility.get(id),
    setLayoutProperty: (id, _name, value) => {
      calls.push(`${id}=${value}`);
      visibility.set(id, value);
    },
  };
  return { map, calls };
}

const STYLE_LAYERS = [
  { id: 'background' },
  { id: 'courtyard-buildings-fill', layer: 'courtyard-buildings' },
  { id: 'courtyard-buildings-line', layer: 'courtyard-buildings' },
  { id: 'garbage-rooms-circle', layer: 'garbage-rooms' },
  { id: 'garbage-rooms-count', layer: 'garbage-rooms' },
  { id: 'courtyard-buildings-label', layer: 'courtyard-buildings' },
];

describe('useLayerVisibility', () => {
  it('hides and shows every style layer of a catalogue layer, until its scope is disposed', async () => {
    const { map, calls } = fakeMap(STYLE_LAYERS);
    const visibility = reactive<Record<string, boolean>>({ 'courtyard-buildings': false, 'garbage-rooms': true });
    const scope = effectScope();

    scope.run(() => useLayerVisibility({ visibility, map }));
    expect(calls).toEqual(['courtyard-buildings-fill=none', 'courtyard-buildings-line=none', 'courtyard-buildings-label=none']);

    calls.length = 0;
    visibility['courtyard-buildings'] = true;
    visibility['garbage-rooms'] = false;
    await nextTick();
    expect(calls).toEqual([
      'courtyard-buildings-fill=visible', 'courtyard-buildings-line=visible',
      'garbage-rooms-circle=none', 'garbage-rooms-count=none',
      'courtyard-buildings-label=visible',
    ]);

    calls.length = 0;
    scope.stop();
    visibility['garbage-rooms'] = true;
    await nextTick();
    expect(calls).toEqual([]);
  });

  it('leaves style layers of layers it was not told about alone', () => {
    const { map, calls } = fakeMap(STYLE_LAYERS);
    const scope = effectScope();

    scope.run(() => useLayerVisibility({ visibility: { 'garbage-rooms': true }, map }));

    expect(calls).toEqual([]);
    scope.stop();
  });
});
