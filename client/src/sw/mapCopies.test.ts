import { describe, expect, it } from 'vitest';
import { keepMapCopies, mapResourceUrls, tileUrlsInView, type Bounds, type TiledSource } from './mapCopies';

/** About 230 m × 220 m around a spot on 中山中路: tiles 109286–109287 × 53973–53974 at z17. */
const AROUND_SPOT: Bounds = [120.164, 30.2445, 120.1664, 30.2465];
const BASEMAP: TiledSource = { type: 'vector', url: 'http://h/tiles/basemap.json', tiles: ['http://h/tiles/basemap/{z}/{x}/{y}.mvt?v=3'], minzoom: 0, maxzoom: 18 };

describe('the tiles a map asks for', () => {
  it('fills the template for every tile in view at the floored zoom', () => {
    expect(tileUrlsInView(BASEMAP, AROUND_SPOT, 17.4)).toEqual([
      'http://h/tiles/basemap/17/109286/53973.mvt?v=3',
      'http://h/tiles/basemap/17/109286/53974.mvt?v=3',
      'http://h/tiles/basemap/17/109287/53973.mvt?v=3',
      'http://h/tiles/basemap/17/109287/53974.mvt?v=3',
    ]);
  });

  it('over-zooms the source’s deepest tiles, counts TMS rows from the south, and has nothing without templates', () => {
    expect(tileUrlsInView({ ...BASEMAP, maxzoom: 14 }, AROUND_SPOT, 17.4)).toEqual(['http://h/tiles/basemap/14/13660/6746.mvt?v=3']);
    expect(tileUrlsInView({ ...BASEMAP, maxzoom: 14, scheme: 'tms' }, AROUND_SPOT, 17.4)).toEqual(['http://h/tiles/basemap/14/13660/9637.mvt?v=3']);
    expect(tileUrlsInView({ type: 'vector', url: 'http://h/tiles/x.json' }, AROUND_SPOT, 17)).toEqual([]);
  });

  it('reads 256-pixel raster tiles one zoom level deeper', () => {
    expect(tileUrlsInView({ type: 'raster', tiles: ['/r/{z}/{x}/{y}.png'], tileSize: 256, maxzoom: 14 }, AROUND_SPOT, 13.2)).toEqual(['/r/14/13660/6746.png']);
  });
});

/** A map at `AROUND_SPOT`, z17.4, drawing the basemap; the cases layer is hidden. */
function fakeMap() {
  const listeners: (() => void)[] = [];
  return {
    listeners,
    getZoom: () => 17.4,
    getBounds: () => ({ getWest: () => AROUND_SPOT[0], getSouth: () => AROUND_SPOT[1], getEast: () => AROUND_SPOT[2], getNorth: () => AROUND_SPOT[3] }),
    getStyle: () => ({ layers: [{}, { source: 'basemap', layout: {} }, { source: 'cases', layout: { visibility: 'none' } }] }),
    getSource: (id: string) => ({ basemap: { ...BASEMAP, maxzoom: 14 }, cases: { ...BASEMAP, url: 'http://h/tiles/cases.json' } })[id],
    on: (_type: 'idle', listener: () => void) => listeners.push(listener),
    off: (_type: 'idle', listener: () => void) => listeners.splice(listeners.indexOf(listener), 1),
  };
}

function fakeContainer() {
  const listeners: (() => void)[] = [];
  return {
    listeners,
    controller: null as object | null,
    addEventListener: (_type: string, listener: () => void) => void listeners.push(listener),
    removeEventListener: (_type: string, listener: () => void) => void listeners.splice(listeners.indexOf(listener), 1),
  };
}

describe('what a map drew from', () => {
  it('is the catalogue, the style, and the TileJSON and tiles of the sources that shown layers read', () => {
    expect(mapResourceUrls(fakeMap(), '/styles/console.json?lang=zh')).toEqual([
      '/api/layers', '/styles/console.json?lang=zh', 'http://h/tiles/basemap.json', 'http://h/tiles/basemap/14/13660/6746.mvt?v=3',
    ]);
  });
});

describe('keepMapCopies', () => {
  const styleUrl = () => '/styles/console.json?lang=zh';

  it('asks again through the service worker once it takes over a map drawn before it, each thing once', () => {
    const map = fakeMap();
    const container = fakeContainer();
    const fetched: string[] = [];
    const stop = keepMapCopies({ map, styleUrl, controlledAtStart: false, container: container as unknown as ServiceWorkerContainer, fetch: async (url) => void fetched.push(url) });
    expect(fetched, 'nothing while no service worker controls the page').toEqual([]);

    container.controller = {};
    container.listeners.forEach((l) => l());
    expect(fetched).toEqual(['/api/layers', '/styles/console.json?lang=zh', 'http://h/tiles/basemap.json', 'http://h/tiles/basemap/14/13660/6746.mvt?v=3']);
    map.listeners.forEach((l) => l());
    expect(fetched.length, 'the same view is not asked for twice').toBe(4);

    stop();
    expect([map.listeners.length, container.listeners.length]).toEqual([0, 0]);
  });

  it('does nothing for a map drawn under the service worker (it saw every request)', () => {
    const map = fakeMap();
    const container = fakeContainer();
    container.controller = {};
    const fetched: string[] = [];
    keepMapCopies({ map, styleUrl, controlledAtStart: true, container: container as unknown as ServiceWorkerContainer, fetch: async (url) => void fetched.push(url) });
    container.listeners.forEach((l) => l());
    map.listeners.forEach((l) => l());
    expect(fetched).toEqual([]);
    expect(map.listeners.length).toBe(0);
  });
});
