/** A width and height in image pixels. */
export interface Size {
  width: number;
  height: number;
}

/** A rectangle in image pixels, from its top-left corner. */
export interface Rect extends Size {
  x: number;
  y: number;
}

/** Where the legend box and its rows go. */
export interface LegendLayout {
  box: Rect;
  /** Baseline of the legend's heading. */
  headingY: number;
  columns: number;
  rows: number;
  /** Top-left corner of each row slot, in entry order (column by column). */
  items: { x: number; y: number }[];
  /** Entries left out; when above 0 the last slot says "+N more" instead of showing an entry. */
  overflow: number;
}

/** Where every part of the print goes, and the sizes its text and marks are drawn at. */
export interface PrintLayout {
  page: Size;
  /** Image pixels per layout unit: 1 suits an 800-pixel page, a larger page scales up. */
  unit: number;
  margin: number;
  titleBand: Rect;
  titleSize: number;
  subtitleSize: number;
  /** Baselines of the title and (when there is one) the subtitle. */
  titleY: number;
  subtitleY?: number;
  map: Rect;
  northArrow: Rect;
  scaleBar: Rect;
  /** Longest scale bar, in image pixels. */
  scaleBarMaxLength: number;
  legend?: LegendLayout;
  legendTextSize: number;
  legendRowHeight: number;
  footer: Rect;
  footerTextSize: number;
  /** Baselines of the two footer lines. */
  footerLines: [number, number];
}

/** What the layout depends on besides the page. */
export interface LayoutOptions {
  unit: number;
  hasSubtitle: boolean;
  /** Legend rows wanted (none: no legend). */
  legendCount: number;
  /** Width of the widest legend row (swatch, gap and label) in image pixels. */
  legendItemWidth: number;
}

/** The layout unit for a page (or a map) of this size: text and marks grow with the page, within bounds. */
export function unitFor(size: Size): number {
  return Math.min(2.5, Math.max(0.75, Math.min(size.width, size.height) / 800));
}

function bands(unit: number, hasSubtitle: boolean) {
  const margin = Math.round(24 * unit);
  const title = Math.round(margin + 36 * unit + (hasSubtitle ? 26 * unit : 0) + 14 * unit);
  const footer = Math.round(12 * unit + 2 * 18 * unit + margin * 0.75);
  return { margin, title, footer };
}

/** The page that puts a map of exactly `map` pixels under the title band and above the footer. */
export function pageAroundMap(map: Size, hasSubtitle: boolean): { page: Size; unit: number } {
  const unit = unitFor(map);
  const { margin, title, footer } = bands(unit, hasSubtitle);
  return { page: { width: map.width + 2 * margin, height: map.height + title + footer }, unit };
}

/** The legend grows up to this share of the map's height, and beyond the preferred share only when out of columns. */
const LEGEND_MAX_SHARE = 0.6;
const LEGEND_PREFERRED_SHARE = 0.4;

function legendLayout(map: Rect, reservedRight: number, count: number, itemWidth: number, unit: number, inset: number): LegendLayout | undefined {
  if (count <= 0) return undefined;
  const pad = 10 * unit;
  const heading = 24 * unit;
  const row = 22 * unit;
  const gap = 16 * unit;
  const maxWidth = map.width - 2 * inset - reservedRight;
  const rowsIn = (height: number) => Math.max(1, Math.floor((height - heading - 2 * pad) / row));
  const perColumn = rowsIn(Math.min(map.height * LEGEND_MAX_SHARE, map.height - 2 * inset));
  const width = Math.min(itemWidth, maxWidth - 2 * pad);
  const maxColumns = Math.max(1, Math.floor((maxWidth - 2 * pad + gap) / (width + gap)));
  // Another column rather than a legend taller than the preferred share of the map, while there is room.
  const wanted = Math.max(Math.ceil(count / rowsIn(map.height * LEGEND_PREFERRED_SHARE)), Math.ceil(count / perColumn));
  const columns = Math.min(maxColumns, wanted);
  const fits = count <= columns * perColumn;
  const shown = fits ? count : columns * perColumn;
  const rows = Math.ceil(shown / columns);
  const box: Rect = {
    x: map.x + inset,
    y: 0,
    width: 2 * pad + columns * width + (columns - 1) * gap,
    height: 2 * pad + heading + rows * row,
  };
  box.y = map.y + map.height - inset - box.height;
  const items = Array.from({ length: shown }, (_, i) => ({
    x: box.x + pad + Math.floor(i / rows) * (width + gap),
    y: box.y + pad + heading + (i % rows) * row,
  }));
  return { box, headingY: box.y + pad + heading * 0.7, columns, rows, items, overflow: count - shown + (fits ? 0 : 1) };
}

/**
 * Lays out a print: the title band on top, the map below it, the footer under the map; inside
 * the map the north arrow top right, the scale bar bottom right and the legend bottom left,
 * wrapping into more columns as it grows and never reaching above the map or into the scale bar.
 */
export function printLayout(page: Size, options: LayoutOptions): PrintLayout {
  const { unit } = options;
  const { margin, title, footer } = bands(unit, options.hasSubtitle);
  const titleBand: Rect = { x: 0, y: 0, width: page.width, height: title };
  const map: Rect = { x: margin, y: title, width: page.width - 2 * margin, height: page.height - title - footer };
  if (map.width <= 0 || map.height <= 0) throw new RangeError(`page ${page.width}×${page.height} leaves no room for the map`);
  const inset = 12 * unit;
  const arrow = 56 * unit;
  const scaleBarMaxLength = 150 * unit;
  const scale: Size = { width: scaleBarMaxLength + 24 * unit, height: 40 * unit };
  return {
    page,
    unit,
    margin,
    titleBand,
    titleSize: 30 * unit,
    subtitleSize: 16 * unit,
    titleY: margin + 30 * unit,
    ...(options.hasSubtitle ? { subtitleY: margin + 36 * unit + 20 * unit } : {}),
    map,
    northArrow: { x: map.x + map.width - inset - arrow, y: map.y + inset, width: arrow, height: arrow },
    scaleBar: { x: map.x + map.width - inset - scale.width, y: map.y + map.height - inset - scale.height, ...scale },
    scaleBarMaxLength,
    legend: legendLayout(map, scale.width + inset, options.legendCount, options.legendItemWidth, unit, inset),
    legendTextSize: 13 * unit,
    legendRowHeight: 22 * unit,
    footer: { x: margin, y: map.y + map.height, width: map.width, height: footer },
    footerTextSize: 12 * unit,
    footerLines: [map.y + map.height + 12 * unit + 13 * unit, map.y + map.height + 12 * unit + 31 * unit],
  };
}
