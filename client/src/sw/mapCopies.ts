import { MAP_API_PATHS } from './rules';

/** A tiled source as MapLibre holds it once its TileJSON is in (the public fields of `VectorTileSource`). */
export interface TiledSource {
  type: string;
  url?: string;
  tiles?: string[];
  minzoom?: number;
  maxzoom?: number;
  tileSize?: number;
  scheme?: string;
}

/** The part of a MapLibre map the copies are taken from. */
export interface MapForCopies {
  getZoom(): number;
  getBounds(): { getWest(): number; getSouth(): number; getEast(): number; getNorth(): number };
  getStyle(): { layers: { source?: string; layout?: { visibility?: unknown } }[] };
  getSource(id: string): unknown;
}

/** The same bounds, west-south-east-north in degrees. */
export type Bounds = [west: number, south: number, east: number, north: number];

/** At most this many tiles per source are copied at once (a phone's small map shows a handful). */
const MAX_TILES = 64;

function tileX(lon: number, z: number): number {
  return Math.floor(((lon + 180) / 360) * 2 ** z);
}

function tileY(lat: number, z: number): number {
  const rad = (Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** z);
}

/**
 * The tile URLs MapLibre asks for to draw `bounds` at `zoom` from a source: its URL templates filled for every tile
 * of the covering zoom level (vector tiles: the zoom floored, for 512-pixel tiles, within the source's zoom range).
 */
export function tileUrlsInView(source: TiledSource, bounds: Bounds, zoom: number): string[] {
  const templates = source.tiles ?? [];
  if (templates.length === 0) return [];
  const scale = Math.log2(512 / (source.tileSize ?? 512));
  const z = Math.min(Math.max(Math.floor(zoom + scale), source.minzoom ?? 0), source.maxzoom ?? 22);
  const [west, south, east, north] = bounds;
  const n = 2 ** z;
  const [x0, x1] = [Math.max(0, tileX(west, z)), Math.min(n - 1, tileX(east, z))];
  const [y0, y1] = [Math.max(0, tileY(north, z)), Math.min(n - 1, tileY(south, z))];
  const urls: string[] = [];
  for (let x = x0; x <= x1; x++) {
    for (let y = y0; y <= y1 && urls.length < MAX_TILES; y++) {
      const row = source.scheme === 'tms' ? n - y - 1 : y;
      const template = templates[(x + y) % templates.length]!;
      urls.push(template.replace(/{z}/g, String(z)).replace(/{x}/g, String(x)).replace(/{y}/g, String(row)));
    }
  }
  return urls;
}

/**
 * What a map drew from, to copy for offline use: the layer catalogue, its style, the TileJSON of every source a shown
 * layer reads and the tiles in view.
 */
export function mapResourceUrls(map: MapForCopies, styleUrl: string): string[] {
  const b = map.getBounds();
  const bounds: Bounds = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  const shown = new Set(map.getStyle().layers.filter((l) => l.source && l.layout?.visibility !== 'none').map((l) => l.source!));
  const urls = [...MAP_API_PATHS, styleUrl];
  for (const id of shown) {
    const source = map.getSource(id) as TiledSource | undefined;
    if (!source || (source.type !== 'vector' && source.type !== 'raster')) continue;
    if (source.url) urls.push(source.url);
    urls.push(...tileUrlsInView(source, bounds, map.getZoom()));
  }
  return urls;
}

/** Options of `keepMapCopies`; tests pass fakes. */
export interface KeepMapCopiesOptions {
  map: MapForCopies & { on(type: 'idle', listener: () => void): unknown; off(type: 'idle', listener: () => void): unknown };
  styleUrl: () => string;
  /** Whether the service worker controlled the page when the map was created (then it saw every request). */
  controlledAtStart: boolean;
  container?: Pick<ServiceWorkerContainer, 'controller' | 'addEventListener' | 'removeEventListener'>;
  fetch?: (url: string, init?: RequestInit) => Promise<unknown>;
}

/**
 * Fills the service worker's map copies for a map that was drawn before the service worker took control of the page
 * (its first visit: MapLibre's requests bypassed the worker, so nothing would draw offline). Once the page is
 * controlled, asks again, through the worker, for what the map shows, and for what it shows after every later move
 * (its tile worker may stay uncontrolled). A map created under the worker needs nothing. Returns the stopper.
 */
export function keepMapCopies(options: KeepMapCopiesOptions): () => void {
  const container = options.container ?? globalThis.navigator?.serviceWorker;
  if (!container || options.controlledAtStart) return () => {};
  const get = options.fetch ?? ((url: string, init?: RequestInit) => globalThis.fetch(url, init));
  const asked = new Set<string>();
  const copy = () => {
    if (!container.controller) return;
    const fresh = mapResourceUrls(options.map, options.styleUrl()).filter((url) => !asked.has(url));
    for (const url of fresh) {
      asked.add(url);
      void get(url, { credentials: 'same-origin' }).catch(() => asked.delete(url));
    }
  };
  container.addEventListener('controllerchange', copy);
  options.map.on('idle', copy);
  copy();
  return () => {
    container.removeEventListener('controllerchange', copy);
    options.map.off('idle', copy);
  };
}
