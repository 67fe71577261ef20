import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { LayerInfo, PropertySchema } from '@shared/layers';
import { LEGEND_METADATA_KEY, type LegendColor } from '@shared/legend';
import type { AppLocale } from '../../i18n/locale';
import { catalogueLayerOf, roleOf, type StyleLayerRole } from '../../maplibre/styleMetadata';

/** Which style layer's colour stands for a catalogue layer, best first (a road's casing outshines its white core). */
const SWATCH_ROLES: readonly StyleLayerRole[] = ['circle', 'fill', 'casing', 'line'];

/** A style layer's plain colour, else the swatch the server put in its metadata (for data-driven colours). */
function colorOf(layer: LayerSpecification): string | undefined {
  const paint: Record<string, unknown> = 'paint' in layer && layer.paint ? layer.paint : {};
  const color = paint[`${layer.type}-color`];
  if (typeof color === 'string') return color;
  const swatch = (layer.metadata as Record<string, unknown> | undefined)?.['qingbo:swatch'];
  return typeof swatch === 'string' ? swatch : undefined;
}

/** The swatch colour of each catalogue layer, read from the colours the style draws it with. */
export function legendOf(style: Pick<StyleSpecification, 'layers'> | null): Record<string, string> {
  const best: Record<string, { rank: number; color: string }> = {};
  for (const layer of style?.layers ?? []) {
    const id = catalogueLayerOf(layer);
    const role = roleOf(layer);
    const rank = role ? SWATCH_ROLES.indexOf(role) : -1;
    const color = colorOf(layer);
    if (!id || rank < 0 || !color || (best[id] && best[id].rank <= rank)) continue;
    best[id] = { rank, color };
  }
  return Object.fromEntries(Object.entries(best).map(([id, { color }]) => [id, color]));
}

/** One line of a layer's legend: a colour and what it stands for. */
export interface LegendItem {
  /** `fill`: the feature's colour; `stroke`: the ring around a point; `cluster`: a group of points with its count. */
  part: LegendColor['part'];
  color: string;
  label: string;
}

/** Words of the legend taken from the UI strings. */
export interface LegendTexts {
  /** Features no listed value names, when the values are not an enum. */
  other: string;
  /** Clusters of points. */
  cluster: string;
  /** Separator of several values sharing one colour. */
  separator: string;
}

function isLegendColor(v: unknown): v is LegendColor {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return (c.part === 'fill' || c.part === 'stroke' || c.part === 'cluster') && typeof c.color === 'string';
}

/** Every colour the style draws each catalogue layer's features with (`metadata['qingbo:legend']`), best style layer first. */
export function legendColorsOf(style: Pick<StyleSpecification, 'layers'> | null): Record<string, LegendColor[]> {
  const best: Record<string, { rank: number; colors: LegendColor[] }> = {};
  for (const layer of style?.layers ?? []) {
    const id = catalogueLayerOf(layer);
    const rank = SWATCH_ROLES.indexOf(roleOf(layer) ?? 'label');
    const listed = (layer.metadata as Record<string, unknown> | undefined)?.[LEGEND_METADATA_KEY];
    if (!id || rank < 0 || !Array.isArray(listed) || (best[id] && best[id].rank <= rank)) continue;
    best[id] = { rank, colors: listed.filter(isLegendColor) };
  }
  return Object.fromEntries(Object.entries(best).map(([id, { colors }]) => [id, colors]));
}

function valueLabel(schema: PropertySchema | undefined, value: string, locale: AppLocale): string {
  const label = schema?.['x-enum-labels']?.[value];
  return label ? (locale === 'en' ? label.en : label.zh) : value;
}

/**
 * The legend of one layer in words: each value's colour under the property's title (values of one
 * colour together), the layer's own colour for the enum values no colour names (or "other"), the
 * ring colours, then clusters. Empty when the layer has a single colour (its swatch says it all).
 */
export function legendItems(layer: Pick<LayerInfo, 'schema'>, colors: readonly LegendColor[], locale: AppLocale, texts: LegendTexts): LegendItem[] {
  const values = colors.filter((c) => c.part !== 'cluster' && c.property !== undefined && c.value !== undefined);
  if (values.length === 0) return [];
  const items: LegendItem[] = [];
  for (const part of ['fill', 'stroke'] as const) {
    const own = values.filter((c) => c.part === part);
    if (own.length === 0 && part === 'stroke') continue;
    const property = own[0]?.property ?? colors.find((c) => c.part === 'fill' && c.property)?.property;
    const schema = property ? layer.schema.properties[property] : undefined;
    const byColor = new Map<string, string[]>();
    for (const c of own) byColor.set(c.color, [...(byColor.get(c.color) ?? []), valueLabel(schema, c.value!, locale)]);
    const rest = colors.find((c) => c.part === part && c.value === undefined);
    for (const [color, labels] of byColor) items.push({ part, color, label: labels.join(texts.separator) });
    if (!rest) continue;
    const named = new Set(own.map((c) => c.value));
    const unnamed = (schema?.enum ?? []).map(String).filter((v) => !named.has(v)).map((v) => valueLabel(schema, v, locale));
    if (schema?.enum && unnamed.length === 0) continue;
    items.push({ part, color: rest.color, label: unnamed.length > 0 ? unnamed.join(texts.separator) : texts.other });
  }
  const cluster = colors.find((c) => c.part === 'cluster');
  if (cluster) items.push({ part: 'cluster', color: cluster.color, label: texts.cluster });
  return items;
}
