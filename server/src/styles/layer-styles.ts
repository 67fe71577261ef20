import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from 'maplibre-gl';
import type { Layer } from '../features/layers';
import { lookOf, type LayerLook } from './looks';
import { LABEL_FONT_STACK, type Palette } from './palette';
import { FILTERED_METADATA_KEY, LEGEND_METADATA_KEY, type LegendColor } from '@shared/legend';

/** Label language of a style. */
export type StyleLang = 'zh' | 'en';

/** A style layer and whether it belongs below or above all labels. */
export interface PlacedLayer {
  slot: 'geometry' | 'label';
  spec: LayerSpecification;
}

/** Roles of the style layers drawn for one catalogue layer. */
export type StyleRole = 'fill' | 'line' | 'casing' | 'circle' | 'label' | 'count' | 'heatmap';

/**
 * Optional drawing hints in a layer's `style` (data, not code): `heatmap` draws a
 * heatmap below zoom 16, `colorBy` colours features by a property's value,
 * `labelMinZoom` hides labels below that zoom, and `hiddenInConsole` starts the
 * layer switched off in the console style.
 */
export interface StyleHints {
  color: string;
  heatmap?: boolean;
  colorBy?: { property: string; values: Record<string, string> };
  /** Colours the ring of points by a property's value (e.g. a case's deadline clock); the palette's stroke otherwise. */
  strokeBy?: { property: string; values: Record<string, string> };
  /** Tiles below this zoom carry clusters with `point_count` (built by the server); the console then draws no heatmap. */
  clusterBelowZoom?: number;
  labelMinZoom?: number;
  /** Starts hidden in the console style (the big screen shows it). */
  hiddenInConsole?: boolean;
}

/** Style layer ids of a catalogue layer: `${id}-fill`, `-line`, `-casing`, `-circle`, `-label`, `-count`, `-heatmap`. */
export function styleLayerId(layerId: string, role: StyleRole): string {
  return `${layerId}-${role}`;
}

const IS_POINT: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];
const NOT_POINT: ExpressionSpecification = ['!=', ['geometry-type'], 'Point'];
const IS_CLUSTER: ExpressionSpecification = ['has', 'point_count'];
const NOT_CLUSTER: ExpressionSpecification = ['!', ['has', 'point_count']];
/** Not a point the tile also carries inside a cluster (see the server's clusterLayer). */
const NOT_MEMBER: ExpressionSpecification = ['!', ['has', 'in_cluster']];
/** Not a cluster whose members the tile carries too. */
const NOT_MEMBERS_CLUSTER: ExpressionSpecification = ['!', ['has', 'cluster_members']];
const NEVER: ExpressionSpecification = ['boolean', false];


function clustered(ctx: Ctx): boolean {
  return ctx.layer.geometryType === 'Point' && hints(ctx).clusterBelowZoom !== undefined;
}

/** The filter of a point style layer, and the one it takes while the client filters the layer. */
function pointFilters(ctx: Ctx, role: 'circle' | 'count' | 'label' | 'heatmap'): { filter?: ExpressionSpecification; metadata?: Record<string, unknown> } {
  if (!clustered(ctx)) return role === 'count' ? { filter: IS_CLUSTER } : role === 'label' ? { filter: NOT_CLUSTER } : {};
  if (role === 'heatmap') return { filter: NOT_MEMBERS_CLUSTER };
  // the big screen draws its heatmap and, closer in, every single point: no cluster circles (at its z14.99
  // district view they made a grid of blobs)
  if (!ctx.console) return { filter: role === 'count' ? NEVER : NOT_CLUSTER };
  const filtered = role === 'count' ? NEVER : NOT_CLUSTER;
  const own = role === 'count' ? IS_CLUSTER : role === 'label' ? ['all', NOT_CLUSTER, NOT_MEMBER] as ExpressionSpecification : NOT_MEMBER;
  return { filter: own, metadata: { [FILTERED_METADATA_KEY]: filtered } };
}

/** A style layer with its point filters (metadata merged). */
function withFilters<T extends { metadata: Record<string, unknown> }>(spec: T, f: ReturnType<typeof pointFilters>): T {
  return { ...spec, ...(f.filter ? { filter: f.filter } : {}), metadata: { ...spec.metadata, ...(f.metadata ?? {}) } };
}

/** The label text: the English variant of the label property in English, when the schema has one. */
export function labelExpression(layer: Pick<Layer, 'options' | 'schema'>, lang: StyleLang): ExpressionSpecification | undefined {
  const key = layer.options.labelProperty;
  if (!key) return undefined;
  const english = `${key}_en`;
  if (lang === 'en' && english in layer.schema.properties) return ['to-string', ['coalesce', ['get', english], ['get', key], '']];
  return ['to-string', ['coalesce', ['get', key], '']];
}

function roadWidth(atZ13: number, atZ17: number): ExpressionSpecification {
  const scale: ExpressionSpecification = ['match', ['get', 'class'], 'arterial', 1.6, 'secondary', 1.3, 'alley', 0.6, 'pedestrian', 0.7, 1];
  return ['interpolate', ['linear'], ['zoom'], 13, ['*', scale, atZ13], 17, ['*', scale, atZ17]];
}

interface Ctx {
  layer: Layer;
  look: LayerLook;
  source: string;
  p: Palette;
  /** Building the console style (not the big screen's). */
  console: boolean;
}

/**
 * Every colour a thematic layer's features are drawn with, for the legend: each `colorBy` value,
 * the layer's colour for the rest, each `strokeBy` value, and clusters when the layer has them.
 */
export function legendColors(layer: Pick<Layer, 'style' | 'geometryType'>): LegendColor[] {
  const h = layer.style as unknown as StyleHints;
  const pairs = (by: StyleHints['colorBy'], part: 'fill' | 'stroke') =>
    Object.entries(by?.values ?? {}).map(([value, color]): LegendColor => ({ part, color, property: by!.property, value }));
  const clustered = layer.geometryType === 'Point' && h.clusterBelowZoom !== undefined;
  return [
    ...pairs(h.colorBy, 'fill'),
    { part: 'fill', color: layer.style.color },
    ...pairs(h.strokeBy, 'stroke'),
    ...(clustered ? [{ part: 'cluster' as const, color: layer.style.color }] : []),
  ];
}

function base(ctx: Ctx, role: StyleRole) {
  const drawsFeatures = role === 'circle' || (role === 'fill' && ctx.look === 'thematic') || (role === 'line' && ctx.look === 'thematic');
  const legend = drawsFeatures && ctx.layer.group !== 'basemap' ? { [LEGEND_METADATA_KEY]: legendColors(ctx.layer) } : {};
  return {
    id: styleLayerId(ctx.layer.id, role),
    source: ctx.source,
    'source-layer': ctx.layer.id,
    metadata: { 'qingbo:layer': ctx.layer.id, 'qingbo:group': ctx.layer.group, 'qingbo:role': role, 'qingbo:swatch': ctx.layer.style.color, ...legend },
  };
}

function hints(ctx: Ctx): StyleHints {
  return ctx.layer.style as StyleHints;
}

function hintedColor(ctx: Ctx, fallback: string, by = hints(ctx).colorBy): ExpressionSpecification | string {
  if (!by || Object.keys(by.values).length === 0) return fallback;
  return ['match', ['to-string', ['get', by.property]], ...Object.entries(by.values).flat(), fallback] as ExpressionSpecification;
}

function heatmapSpec(ctx: Ctx): LayerSpecification {
  return {
    ...withFilters(base(ctx, 'heatmap'), pointFilters(ctx, 'heatmap')), type: 'heatmap', maxzoom: 16,
    paint: {
      'heatmap-weight': ['case', IS_CLUSTER, ['get', 'point_count'], 1],
      'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 12, 0.5, 16, 0.6],
      'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 12, 6, 16, 20],
      'heatmap-opacity': ['interpolate', ['linear'], ['zoom'], 13, 0.85, 16, 0],
      'heatmap-color': ['interpolate', ['linear'], ['heatmap-density'],
        0, 'rgba(0,0,0,0)', 0.2, '#fee8c8', 0.45, '#fdbb84', 0.7, '#ef6548', 1, '#990000'],
    },
  } as LayerSpecification;
}

function pointSpecs(ctx: Ctx): LayerSpecification[] {
  const landmark = ctx.look === 'landmark';
  const color = landmark ? ctx.p.landmark : ctx.layer.style.color;
  const clusterRadius: ExpressionSpecification = ['interpolate', ['linear'], ['get', 'point_count'], 2, 7, 100, 13, 1000, 20, 10000, 28];
  const radius: ExpressionSpecification = landmark
    ? ['case', IS_CLUSTER, clusterRadius, 3.5]
    : ['interpolate', ['linear'], ['zoom'], 13, ['case', IS_CLUSTER, clusterRadius, 4], 17, ['case', IS_CLUSTER, clusterRadius, 7]];
  // the console draws a clustered layer's clusters with their counts, not a heatmap (the big screen keeps it)
  const heat = hints(ctx).heatmap === true && !(ctx.console && hints(ctx).clusterBelowZoom !== undefined);
  const stroke: ExpressionSpecification | string = ['case', IS_CLUSTER, ctx.p.pointStroke, hintedColor(ctx, ctx.p.pointStroke, hints(ctx).strokeBy)] as ExpressionSpecification;
  const strokeWidth = hints(ctx).strokeBy ? ['case', IS_CLUSTER, 1.5, 2.5] as ExpressionSpecification : landmark ? 1 : 1.5;
  return [
    ...(heat ? [heatmapSpec(ctx)] : []),
    {
      ...withFilters(base(ctx, 'circle'), pointFilters(ctx, 'circle')), type: 'circle', ...(heat ? { minzoom: 14 } : {}),
      paint: {
        'circle-color': hintedColor(ctx, color),
        'circle-radius': radius,
        'circle-opacity': ['case', IS_CLUSTER, 0.75, 1],
        'circle-stroke-color': hints(ctx).strokeBy ? stroke : ctx.p.pointStroke,
        'circle-stroke-width': strokeWidth,
      },
    },
    {
      ...withFilters(base(ctx, 'count'), pointFilters(ctx, 'count')), type: 'symbol',
      layout: { 'text-field': ['to-string', ['get', 'point_count']], 'text-font': LABEL_FONT_STACK, 'text-size': 11, 'text-allow-overlap': true },
      paint: { 'text-color': ctx.p.countText, 'text-halo-color': ctx.p.countHalo, 'text-halo-width': 1.2 },
    },
  ];
}

function lineSpecs(ctx: Ctx): LayerSpecification[] {
  const layout = { 'line-join': 'round', 'line-cap': 'round' } as const;
  if (ctx.look === 'road') {
    return [
      { ...base(ctx, 'casing'), type: 'line', layout, paint: { 'line-color': ctx.p.roadCasing, 'line-width': roadWidth(3, 11) } },
      { ...base(ctx, 'line'), type: 'line', layout, paint: { 'line-color': ctx.p.road, 'line-width': roadWidth(1.5, 8) } },
    ];
  }
  const color = ctx.look === 'water' ? ctx.p.waterOutline : hintedColor(ctx, ctx.layer.style.color);
  return [{ ...base(ctx, 'line'), type: 'line', layout, paint: { 'line-color': color, 'line-width': ['interpolate', ['linear'], ['zoom'], 13, 2.5, 17, 6] } }];
}

function polygonSpecs(ctx: Ctx): LayerSpecification[] {
  const color = ctx.layer.style.color;
  const fill = (paint: Record<string, unknown>): LayerSpecification => ({ ...base(ctx, 'fill'), type: 'fill', filter: NOT_POINT, paint } as LayerSpecification);
  const line = (paint: Record<string, unknown>, layout: Record<string, unknown> = {}): LayerSpecification =>
    ({ ...base(ctx, 'line'), type: 'line', filter: NOT_POINT, layout, paint } as LayerSpecification);
  switch (ctx.look) {
    case 'boundary':
      return [line({ 'line-color': ctx.p.boundary, 'line-width': 2.5, 'line-dasharray': [3, 2] }, { 'line-join': 'round' })];
    case 'grid': {
      const grid = ctx.p.grid ?? color;
      return [fill({ 'fill-color': grid, 'fill-opacity': 0 }), line({ 'line-color': grid, 'line-width': 0.6, 'line-opacity': 0.7 })];
    }
    case 'community': {
      const community = ctx.p.community ?? color;
      return [fill({ 'fill-color': community, 'fill-opacity': 0.05 }), line({ 'line-color': community, 'line-width': 1.5, 'line-opacity': 0.9 })];
    }
    case 'water':
    case 'green': {
      const water = ctx.look === 'water';
      return [
        fill({ 'fill-color': water ? ctx.p.water : ctx.p.green, 'fill-opacity': 1 }),
        line({ 'line-color': water ? ctx.p.waterOutline : ctx.p.greenOutline, 'line-width': 0.8 }),
      ];
    }
    case 'basemap':
      return [fill({ 'fill-color': color, 'fill-opacity': 0.25 }), line({ 'line-color': color, 'line-width': 0.8, 'line-opacity': 0.6 })];
    default: {
      const hinted = hintedColor(ctx, color);
      return [fill({ 'fill-color': hinted, 'fill-opacity': 0.35 }), line({ 'line-color': hinted, 'line-width': 1.5 })];
    }
  }
}

function labelSpec(ctx: Ctx, lang: StyleLang): LayerSpecification | undefined {
  const text = labelExpression(ctx.layer, lang);
  const { look, layer, p } = ctx;
  if (!text || look === 'boundary' || look === 'grid') return undefined;
  const isPoint = layer.geometryType === 'Point';
  const filter: FilterSpecification | undefined = layer.geometryType === 'Polygon' ? IS_POINT : undefined;
  const color = look === 'water' ? p.waterLabel : look === 'green' ? p.greenLabel : look === 'road' ? p.roadLabel : p.label;
  const minzoom = hints(ctx).labelMinZoom;
  return {
    ...(isPoint ? withFilters(base(ctx, 'label'), pointFilters(ctx, 'label')) : base(ctx, 'label')),
    type: 'symbol',
    ...(filter ? { filter } : {}),
    ...(minzoom === undefined ? {} : { minzoom }),
    layout: {
      'text-field': text,
      'text-font': LABEL_FONT_STACK,
      'text-size': look === 'community' ? 13 : look === 'road' || look === 'landmark' ? 11 : 12,
      'text-max-width': 8,
      'symbol-placement': layer.geometryType === 'LineString' ? 'line' : 'point',
      'text-anchor': isPoint ? 'top' : 'center',
      'text-offset': isPoint ? [0, 0.7] : [0, 0],
      'text-letter-spacing': look === 'community' ? 0.1 : 0,
      'text-padding': 2,
    },
    paint: { 'text-color': color, 'text-halo-color': p.halo, 'text-halo-width': 1.5, 'text-halo-blur': 0.5 },
  };
}

function hide(spec: LayerSpecification): LayerSpecification {
  if (spec.type === 'background') return spec;
  return { ...spec, layout: { ...(spec.layout ?? {}), visibility: 'none' } } as LayerSpecification;
}

/** The style layers of one catalogue layer, each tagged with the slot it goes into. */
export function layerStyles(layer: Layer, source: string, palette: Palette, lang: StyleLang, options: { console?: boolean } = {}): PlacedLayer[] {
  const ctx: Ctx = { layer, look: lookOf(layer), source, p: palette, console: options.console === true };
  const geometry = layer.geometryType === 'Point' ? pointSpecs(ctx) : layer.geometryType === 'LineString' ? lineSpecs(ctx) : polygonSpecs(ctx);
  const label = labelSpec(ctx, lang);
  const hidden = options.console === true && hints(ctx).hiddenInConsole === true;
  return [...geometry, ...(label ? [label] : [])].map((spec) => ({
    slot: spec.type === 'symbol' ? 'label' as const : 'geometry' as const,
    spec: hidden ? hide(spec) : spec,
  }));
}
