import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { Layer } from '../features/layers';
import { layerStyles, type StyleLang } from './layer-styles';
import { DARK, LIGHT } from './palette';
import { rasterSources, type RasterBasemap } from './raster-basemaps';
import { MAX_LAYERS_PER_REQUEST } from '../tiles/layer-list';

/** Names of the served styles. */
export const STYLE_NAMES = ['console', 'overview'] as const;
/** A served style. */
export type StyleName = (typeof STYLE_NAMES)[number];

/** Vector sources of the styles: rarely-changing context layers and thematic layers apart. */
export function sourceOf(layer: Pick<Layer, 'group'>): 'basemap' | 'thematic' {
  return layer.group === 'basemap' || layer.group === 'administrative' ? 'basemap' : 'thematic';
}

/**
 * The vector source of each layer: its group's source (see sourceOf), split into
 * `basemap-2`, `thematic-2`, … past the layers one tile request may name.
 */
export function vectorSourceNames(layers: Pick<Layer, 'id' | 'group'>[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const source of ['basemap', 'thematic'] as const) {
    layers.filter((l) => sourceOf(l) === source).forEach((l, i) => {
      const part = Math.floor(i / MAX_LAYERS_PER_REQUEST);
      names.set(l.id, part === 0 ? source : `${source}-${part + 1}`);
    });
  }
  return names;
}

/** Everything a style is built from. */
export interface StyleInput {
  name: StyleName;
  layers: Layer[];
  baseUrl: string;
  lang: StyleLang;
  basemap: RasterBasemap;
  tiandituKey?: string;
  /** [west, south, east, north] to centre on. */
  bounds?: [number, number, number, number];
}

/**
 * Builds a MapLibre style: the offline basemap from the district's context
 * layers, every thematic layer above it, then all labels, over vector tiles
 * from this server. No `glyphs` key: labels use local fonts.
 */
export function buildStyle(input: StyleInput): StyleSpecification {
  const palette = input.name === 'overview' ? DARK : LIGHT;
  const sources: Record<string, SourceSpecification> = {};
  const sourceNames = vectorSourceNames(input.layers);
  for (const source of new Set(sourceNames.values())) {
    const ids = input.layers.filter((l) => sourceNames.get(l.id) === source).map((l) => l.id);
    sources[source] = { type: 'vector', url: `${input.baseUrl}/tiles/${ids.join(',')}.json` };
  }
  const raster = rasterSources(input.basemap, input.tiandituKey);
  Object.assign(sources, raster);
  const placed = input.layers.flatMap((l) => layerStyles(l, sourceNames.get(l.id)!, palette, input.lang, { console: input.name === 'console' }));
  const rasterLayers: LayerSpecification[] = Object.keys(raster).map((id) => ({ id, type: 'raster', source: id, metadata: { 'qingbo:role': 'online-basemap' } }));
  const [w, s, e, n] = input.bounds ?? [120.151, 30.235, 120.169, 30.248];
  return {
    version: 8,
    name: input.name === 'overview' ? '清波一张图 · 大屏 (dark)' : '清波一张图 · 控制台 (light)',
    metadata: { 'qingbo:style': input.name, 'qingbo:lang': input.lang, 'qingbo:demo-data': true },
    center: [(w + e) / 2, (s + n) / 2],
    zoom: 16,
    sources,
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': palette.background } },
      ...rasterLayers,
      ...placed.filter((p) => p.slot === 'geometry').map((p) => p.spec),
      ...placed.filter((p) => p.slot === 'label').map((p) => p.spec),
    ],
  };
}
