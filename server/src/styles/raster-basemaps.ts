import type { RasterSourceSpecification } from 'maplibre-gl';

/** Online raster basemaps that configuration can switch on (all in WGS84/CGCS2000, no datum shift). */
export const RASTER_BASEMAPS = ['none', 'osm', 'tianditu-vec', 'tianditu-img'] as const;
/** A configured online basemap. */
export type RasterBasemap = (typeof RASTER_BASEMAPS)[number];

/** Origins a configured basemap loads from, for the Content-Security-Policy. */
export function basemapOrigins(kind: RasterBasemap): string[] {
  if (kind === 'osm') return ['https://tile.openstreetmap.org'];
  if (kind.startsWith('tianditu')) return [0, 1, 2, 3, 4, 5, 6, 7].map((i) => `https://t${i}.tianditu.gov.cn`);
  return [];
}

function tianditu(layer: string, key: string): string[] {
  return [0, 1, 2, 3, 4, 5, 6, 7].map((i) => `https://t${i}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`);
}

/** The raster sources of a configured basemap, bottom first (imagery or vector map, then its annotation). */
export function rasterSources(kind: RasterBasemap, tiandituKey?: string): Record<string, RasterSourceSpecification> {
  switch (kind) {
    case 'osm':
      return { 'online-basemap': { type: 'raster', tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'], tileSize: 256, maxzoom: 19, attribution: '© OpenStreetMap contributors' } };
    case 'tianditu-vec':
    case 'tianditu-img': {
      const [map, notes] = kind === 'tianditu-vec' ? ['vec', 'cva'] : ['img', 'cia'];
      const attribution = '© 天地图 Tianditu';
      return {
        'online-basemap': { type: 'raster', tiles: tianditu(map, tiandituKey ?? ''), tileSize: 256, maxzoom: 18, attribution },
        'online-basemap-notes': { type: 'raster', tiles: tianditu(notes, tiandituKey ?? ''), tileSize: 256, maxzoom: 18, attribution },
      };
    }
    default:
      return {};
  }
}
