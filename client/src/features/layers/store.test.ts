import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useLayersStore } from './store';
import { fakeFetch, json, sampleLayer } from './testing';

const boundary = sampleLayer({ id: 'district-boundary', group: 'administrative', geometryType: 'Polygon', title: { zh: '街道边界', en: 'Boundary' } });
const alleys = sampleLayer();
const water = sampleLayer({ id: 'water', group: 'basemap', geometryType: 'Polygon', title: { zh: '水系', en: 'Water' } });

describe('useLayersStore', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
  });

  it('loads the catalogue, shows every layer and groups them in panel order', async () => {
    const store = useLayersStore();
    const fetch = fakeFetch({ '/api/layers': () => json({ layers: [water, boundary, alleys] }) });

    await store.load({ fetch });

    expect(fetch.calls).toEqual(['/api/layers']);
    expect(store.status).toBe('ready');
    expect(store.error).toBeNull();
    expect(store.layers.map((l) => l.id)).toEqual(['water', 'district-boundary', 'alley-renovations']);
    expect(store.visibility).toEqual({ water: true, 'district-boundary': true, 'alley-renovations': true });
    expect(store.groups.map((g) => g.group)).toEqual(['renovation', 'administrative', 'basemap']);
  });

  it('is loading while the request is in flight', async () => {
    const store = useLayersStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const pending = store.load({ fetch: async () => { await gate; return json({ layers: [] }); } });

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
    await store.load({ fetch: fakeFetch({ '/api/layers': () => json({ items: [] }) }) });

    expect(store.status).toBe('error');
    expect(store.error).toMatch(/not an array/);
  });

  it('toggles visibility of known layers only and keeps choices across reloads', async () => {
    const store = useLayersStore();
    const fetch = fakeFetch({ '/api/layers': () => json({ layers: [boundary, alleys] }) });
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

  it('settles once every layer has loaded or failed', async () => {
    const store = useLayersStore();
    await store.load({ fetch: fakeFetch({ '/api/layers': () => json({ layers: [boundary, alleys] }) }) });
    expect(store.dataSettled).toBe(false);

    store.setDataStatus('district-boundary', 'ready');
    store.setDataStatus('alley-renovations', 'loading');
    expect(store.dataSettled).toBe(false);

    store.setDataStatus('alley-renovations', 'error');
    expect(store.dataSettled).toBe(true);
  });

  it('keeps only serialisable state', async () => {
    const store = useLayersStore();
    await store.load({ fetch: fakeFetch({ '/api/layers': () => json({ layers: [alleys] }) }) });

    expect(JSON.parse(JSON.stringify(store.$state))).toEqual(store.$state);
  });
});
