import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useLayersStore } from './store';
import { fakeFetch, json, sampleLayer, sampleStyle } from './testing';

const boundary = sampleLayer({ id: 'district-boundary', group: 'administrative', geometryType: 'Polygon', title: { zh: '街道边界', en: 'Boundary' } });
const alleys = sampleLayer();
const water = sampleLayer({ id: 'water', group: 'basemap', geometryType: 'Polygon', title: { zh: '水系', en: 'Water' } });
const ZH_STYLE = '/styles/console.json?lang=zh';
const EN_STYLE = '/styles/console.json?lang=en';

/** The server's answers: the catalogue of `layers` and the console style in both languages. */
function server(layers = [boundary, alleys]) {
  return fakeFetch({
    '/api/layers': () => json({ layers }),
    [ZH_STYLE]: () => json(sampleStyle('zh')),
    [EN_STYLE]: () => json(sampleStyle('en')),
  });
}

describe('useLayersStore', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
  });

  it('loads the catalogue, shows every layer and groups them in panel order', async () => {
    const store = useLayersStore();
    const fetch = server([water, boundary, alleys]);

    await store.load({ fetch });

    expect(fetch.calls).toEqual(['/api/layers', ZH_STYLE]);
    expect(store.status).toBe('ready');
    expect(store.error).toBeNull();
    expect(store.layers.map((l) => l.id)).toEqual(['water', 'district-boundary', 'alley-renovations']);
    expect(store.visibility).toEqual({ water: true, 'district-boundary': true, 'alley-renovations': true });
    expect(store.groups.map((g) => g.group)).toEqual(['renovation', 'administrative', 'basemap']);
  });

  it('starts a layer hidden when the style hides all its style layers', async () => {
    const style = sampleStyle();
    style.layers = style.layers.map((l) => (l.id.startsWith('garbage-rooms-') ? { ...l, layout: { ...l.layout, visibility: 'none' } } : l)) as typeof style.layers;
    const rooms = sampleLayer({ id: 'garbage-rooms', group: 'ecology', geometryType: 'Point' });
    const store = useLayersStore();

    await store.load({ fetch: fakeFetch({ '/api/layers': () => json({ layers: [alleys, rooms] }), [ZH_STYLE]: () => json(style) }) });

    expect(store.visibility).toEqual({ 'alley-renovations': true, 'garbage-rooms': false });
  });

  it('is loading while the requests are in flight', async () => {
    const store = useLayersStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const pending = store.load({ fetch: async (url) => { await gate; return server([])(url); } });

    expect(store.status).toBe('loading');
    release();
    await pending;
    expect(store.status).toBe('ready');
  });

  it('reports the server error message and recovers on retry', async () => {
    const store = useLayersStore();
    let fail = true;
    const fetch = fakeFetch({
      '/api/layers': () => (fail ? json({ error: { code: 'internal', message: 'database is locked' } }, 500) : json({ layers: [alleys] })),
      [ZH_STYLE]: () => json(sampleStyle()),
    });

    await store.load({ fetch });
    expect(store.status).toBe('error');
    expect(store.error).toBe('database is locked');
    expect(store.layers).toEqual([]);

    fail = false;
    await store.load({ fetch });
    expect(store.status).toBe('ready');
    expect(store.error).toBeNull();
    expect(store.layers).toHaveLength(1);
  });

  it('reports a network failure', async () => {
    const store = useLayersStore();
    await store.load({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) });

    expect(store.status).toBe('error');
    expect(store.error).toBe('Failed to fetch');
  });

  it('rejects a body without a layers array', async () => {
    const store = useLayersStore();
    await store.load({ fetch: fakeFetch({ '/api/layers': () => json({ items: [] }), [ZH_STYLE]: () => json(sampleStyle()) }) });

    expect(store.status).toBe('error');
    expect(store.error).toMatch(/not an array/);
  });

  it('toggles visibility of known layers only and keeps choices across reloads', async () => {
    const store = useLayersStore();
    const fetch = server();
    await store.load({ fetch });

    store.toggle('alley-renovations');
    store.setVisible('no-such-layer', true);
    expect(store.isVisible('alley-renovations')).toBe(false);
    expect(store.isVisible('no-such-layer')).toBe(false);
    expect(store.visibility).not.toHaveProperty('no-such-layer');

    await store.load({ fetch });
    expect(store.isVisible('alley-renovations')).toBe(false);
    expect(store.isVisible('district-boundary')).toBe(true);
  });

  it('rejects a style that is not a MapLibre style', async () => {
    const store = useLayersStore();
    await store.load({ fetch: fakeFetch({ '/api/layers': () => json({ layers: [alleys] }), [ZH_STYLE]: () => json({ layers: 'none' }) }) });

    expect(store.status).toBe('error');
    expect(store.error).toMatch(/not a MapLibre style/);
  });

  it('takes each layer\'s swatch colour from the style: circle, else fill, else casing, else line', async () => {
    const store = useLayersStore();
    await store.load({ fetch: server() });

    expect(store.legend).toEqual({
      roads: '#c9c3b8',
      'courtyard-buildings': '#E69F00',
      'alley-renovations': '#D55E00',
      'garbage-rooms': '#009E73',
    });
  });

  it('loads the style in another language and keeps the catalogue and visibility', async () => {
    const store = useLayersStore();
    const fetch = server();
    await store.load({ fetch });
    store.toggle('alley-renovations');

    await store.loadStyle({ fetch, locale: 'en' });

    expect(fetch.calls).toEqual(['/api/layers', ZH_STYLE, EN_STYLE]);
    expect(store.style?.metadata).toMatchObject({ 'qingbo:lang': 'en' });
    expect(store.styleLocale).toBe('en');
    expect(store.status).toBe('ready');
    expect(store.isVisible('alley-renovations')).toBe(false);
  });

  it('refreshes the catalogue after a write: new counts, same style and visibility; a failure keeps the old counts', async () => {
    const store = useLayersStore();
    let count = 3;
    let down = false;
    const fetch = fakeFetch({
      '/api/layers': () => (down ? json({ error: { code: 'unavailable', message: 'down' } }, 503) : json({ layers: [boundary, { ...alleys, featureCount: count }] })),
      [ZH_STYLE]: () => json(sampleStyle('zh')),
    });
    await store.load({ fetch });
    store.toggle('district-boundary');
    const style = store.style;

    count = 4;
    await store.refreshCatalogue({ fetch });
    expect(store.layerById('alley-renovations')?.featureCount).toBe(4);
    expect(store.style).toBe(style);
    expect(store.visibility).toEqual({ 'district-boundary': false, 'alley-renovations': true });
    expect(fetch.calls).toEqual(['/api/layers', ZH_STYLE, '/api/layers']);

    down = true;
    count = 5;
    await store.refreshCatalogue({ fetch });
    expect(store.layerById('alley-renovations')?.featureCount).toBe(4);
    expect(store.status).toBe('ready');
  });

  it('keeps the style of the latest request when answers arrive out of order', async () => {
    const store = useLayersStore();
    let releaseZh!: () => void;
    const zhGate = new Promise<void>((resolve) => { releaseZh = resolve; });
    const fetch = server();
    const slowZh = async (url: string) => { if (url === ZH_STYLE) await zhGate; return fetch(url); };

    const first = store.load({ fetch: slowZh });
    await store.loadStyle({ fetch: slowZh, locale: 'en' });
    releaseZh();
    await first;

    expect(store.status).toBe('ready');
    expect(store.style?.metadata).toMatchObject({ 'qingbo:lang': 'en' });
  });

  it('keeps an opacity per layer, clamped, with full opacity as no entry at all', async () => {
    const store = useLayersStore();
    store.setOpacity('alley-renovations', 0.4);
    await store.load({ fetch: server() });

    store.setOpacity('district-boundary', 1.7);
    store.setOpacity('water', -1);
    expect(store.opacity).toEqual({ 'alley-renovations': 0.4, water: 0 });
    expect([store.opacityOf('alley-renovations'), store.opacityOf('district-boundary')]).toEqual([0.4, 1]);

    store.setOpacity('alley-renovations', 1);
    expect(store.opacity).toEqual({ water: 0 });
  });

  it('keeps only serialisable state', async () => {
    const store = useLayersStore();
    await store.load({ fetch: server([alleys]) });
    store.setOpacity('alley-renovations', 0.5);

    expect(store.style).not.toBeNull();
    expect(JSON.parse(JSON.stringify(store.$state))).toEqual(store.$state);
  });
});
