import { LOCAL_IDEOGRAPH_FONT_FAMILY } from '../../maplibre/fonts';
import type { LegendEntry } from './legendEntries';
import type { PrintLayout, Rect } from './layout';
import { metresPerPixel, scaleBar } from './scale';
import type { MapSnapshot } from './capture';

/** The words printed around the map. */
export interface PrintTexts {
  title: string;
  subtitle: string;
  legendHeading: string;
  /** "+{count} more" for legend entries that did not fit. */
  more: (count: number) => string;
  /** The north arrow's letter. */
  north: string;
  attribution: string;
  demoNote: string;
  printedAt: string;
}

const INK = '#1f2933';
const MUTED = '#52606d';
const RULE = '#cbd2d9';
const PAPER = '#ffffff';
const FONT = LOCAL_IDEOGRAPH_FONT_FAMILY;

/** Sets a font: `weight` is a CSS font weight. */
function font(ctx: CanvasRenderingContext2D, size: number, weight = 'normal'): void {
  ctx.font = `${weight} ${size}px ${FONT}`;
}

/** Draws text on one line, shrinking it until it fits `maxWidth`, then cutting it with an ellipsis. */
function fitText(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth: number, size: number, weight = 'normal'): void {
  let current = size;
  font(ctx, current, weight);
  while (ctx.measureText(text).width > maxWidth && current > size * 0.7) font(ctx, (current -= 1), weight);
  let shown = text;
  while (shown.length > 1 && ctx.measureText(shown).width > maxWidth) shown = `${shown.slice(0, -2)}…`;
  ctx.fillText(shown, x, y);
}

function panel(ctx: CanvasRenderingContext2D, box: Rect, unit: number): void {
  ctx.save();
  ctx.shadowColor = 'rgba(0, 0, 0, 0.18)';
  ctx.shadowBlur = 6 * unit;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.92)';
  ctx.beginPath();
  ctx.roundRect(box.x, box.y, box.width, box.height, 6 * unit);
  ctx.fill();
  ctx.restore();
}

function drawTitle(ctx: CanvasRenderingContext2D, layout: PrintLayout, texts: PrintTexts): void {
  const width = layout.page.width - 2 * layout.margin;
  ctx.fillStyle = INK;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  fitText(ctx, texts.title, layout.margin, layout.titleY, width, layout.titleSize, 'bold');
  if (layout.subtitleY !== undefined && texts.subtitle) {
    ctx.fillStyle = MUTED;
    fitText(ctx, texts.subtitle, layout.margin, layout.subtitleY, width, layout.subtitleSize);
  }
}

function drawMap(ctx: CanvasRenderingContext2D, layout: PrintLayout, snapshot: MapSnapshot): void {
  const { map, unit } = layout;
  ctx.drawImage(snapshot.image, map.x, map.y, map.width, map.height);
  ctx.strokeStyle = INK;
  ctx.lineWidth = Math.max(1, 1.5 * unit);
  ctx.strokeRect(map.x, map.y, map.width, map.height);
}

function drawSwatch(ctx: CanvasRenderingContext2D, entry: LegendEntry, x: number, y: number, size: number, unit: number): void {
  const cx = x + size / 2;
  const cy = y + size / 2;
  ctx.fillStyle = entry.color;
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.35)';
  ctx.lineWidth = Math.max(1, unit);
  ctx.beginPath();
  if (entry.shape === 'highlight') {
    ctx.arc(cx, cy, size / 2.4, 0, 2 * Math.PI);
    ctx.strokeStyle = PAPER;
    ctx.lineWidth = 4.5 * unit;
    ctx.stroke();
    ctx.strokeStyle = entry.color;
    ctx.lineWidth = 2.5 * unit;
    ctx.stroke();
    return;
  }
  if (entry.shape === 'point') {
    ctx.arc(cx, cy, size / 2.6, 0, 2 * Math.PI);
    ctx.fill();
    ctx.strokeStyle = PAPER;
    ctx.lineWidth = 2 * unit;
    ctx.stroke();
    return;
  }
  if (entry.shape === 'line') {
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.3)';
    ctx.lineCap = 'round';
    ctx.lineWidth = 6 * unit;
    ctx.moveTo(x + 1, cy);
    ctx.lineTo(x + size - 1, cy);
    ctx.stroke();
    ctx.strokeStyle = entry.color;
    ctx.lineWidth = 4 * unit;
    ctx.stroke();
    return;
  }
  ctx.globalAlpha = 0.75;
  ctx.fillRect(x, y, size, size);
  ctx.globalAlpha = 1;
  ctx.strokeRect(x, y, size, size);
}

function drawLegend(ctx: CanvasRenderingContext2D, layout: PrintLayout, entries: readonly LegendEntry[], texts: PrintTexts): void {
  const legend = layout.legend;
  if (!legend) return;
  const { unit, legendTextSize: size, legendRowHeight: row } = layout;
  panel(ctx, legend.box, unit);
  ctx.fillStyle = INK;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  font(ctx, 15 * unit, 'bold');
  ctx.fillText(texts.legendHeading, legend.box.x + 10 * unit, legend.headingY);
  const swatch = 14 * unit;
  const columnWidth = legend.columns > 1 ? legend.items[legend.rows]!.x - legend.items[0]!.x - 16 * unit : legend.box.width - 20 * unit;
  legend.items.forEach((item, i) => {
    const more = legend.overflow > 0 && i === legend.items.length - 1;
    ctx.textBaseline = 'middle';
    ctx.fillStyle = more ? MUTED : INK;
    if (more) {
      font(ctx, size);
      ctx.fillText(texts.more(legend.overflow), item.x, item.y + row / 2);
      return;
    }
    const entry = entries[i]!;
    drawSwatch(ctx, entry, item.x, item.y + (row - swatch) / 2, swatch, unit);
    ctx.fillStyle = INK;
    fitText(ctx, entry.label, item.x + swatch + 8 * unit, item.y + row / 2, columnWidth - swatch - 8 * unit, size);
  });
  ctx.textBaseline = 'alphabetic';
}

function drawScaleBar(ctx: CanvasRenderingContext2D, layout: PrintLayout, snapshot: MapSnapshot): void {
  const { unit, scaleBar: box } = layout;
  const drawnScale = layout.map.width / snapshot.image.width;
  const metres = metresPerPixel(snapshot.latitude, snapshot.zoom, snapshot.pixelRatio) / drawnScale;
  const bar = scaleBar(metres, layout.scaleBarMaxLength);
  panel(ctx, box, unit);
  const x0 = box.x + box.width - 12 * unit - bar.pixels;
  const y = box.y + box.height - 12 * unit;
  const tick = 6 * unit;
  ctx.fillStyle = INK;
  ctx.fillRect(x0, y - tick / 2, bar.pixels / 2, tick / 2);
  ctx.fillStyle = PAPER;
  ctx.fillRect(x0 + bar.pixels / 2, y - tick / 2, bar.pixels / 2, tick / 2);
  ctx.strokeStyle = INK;
  ctx.lineWidth = Math.max(1, 1.25 * unit);
  ctx.strokeRect(x0, y - tick / 2, bar.pixels, tick / 2);
  ctx.beginPath();
  for (const x of [x0, x0 + bar.pixels]) {
    ctx.moveTo(x, y - tick);
    ctx.lineTo(x, y);
  }
  ctx.stroke();
  ctx.fillStyle = INK;
  font(ctx, 12 * unit, 'bold');
  ctx.textAlign = 'left';
  ctx.fillText('0', x0 - 3 * unit, y - tick - 4 * unit);
  ctx.textAlign = 'right';
  ctx.fillText(bar.label, x0 + bar.pixels + 3 * unit, y - tick - 4 * unit);
  ctx.textAlign = 'left';
}

function drawNorthArrow(ctx: CanvasRenderingContext2D, layout: PrintLayout, bearing: number, north: string): void {
  const { unit, northArrow: box } = layout;
  panel(ctx, box, unit);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2 + 5 * unit;
  const length = box.height * 0.3;
  ctx.save();
  ctx.translate(cx, cy);
  ctx.rotate((-bearing * Math.PI) / 180);
  ctx.beginPath();
  ctx.moveTo(0, -length);
  ctx.lineTo(length * 0.45, length * 0.6);
  ctx.lineTo(0, length * 0.3);
  ctx.closePath();
  ctx.fillStyle = INK;
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(0, -length);
  ctx.lineTo(-length * 0.45, length * 0.6);
  ctx.lineTo(0, length * 0.3);
  ctx.closePath();
  ctx.fillStyle = PAPER;
  ctx.fill();
  ctx.strokeStyle = INK;
  ctx.lineWidth = Math.max(1, unit);
  ctx.stroke();
  ctx.fillStyle = INK;
  font(ctx, 13 * unit, 'bold');
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(north, 0, -length - 2 * unit);
  ctx.restore();
}

function drawFooter(ctx: CanvasRenderingContext2D, layout: PrintLayout, texts: PrintTexts): void {
  const { footer, footerLines: [first, second], footerTextSize: size } = layout;
  ctx.textBaseline = 'alphabetic';
  font(ctx, size);
  const dateWidth = ctx.measureText(texts.printedAt).width;
  ctx.fillStyle = MUTED;
  ctx.textAlign = 'left';
  fitText(ctx, texts.attribution, footer.x, first, footer.width - dateWidth - 24 * layout.unit, size);
  ctx.fillStyle = '#9a5b00';
  fitText(ctx, texts.demoNote, footer.x, second, footer.width, size);
  ctx.fillStyle = MUTED;
  font(ctx, size);
  ctx.textAlign = 'right';
  ctx.fillText(texts.printedAt, footer.x + footer.width, first);
  ctx.textAlign = 'left';
}

/** Draws the whole print on `ctx`: paper, title, map, legend, scale bar, north arrow and footer. */
export function composePrint(ctx: CanvasRenderingContext2D, layout: PrintLayout, snapshot: MapSnapshot, entries: readonly LegendEntry[], texts: PrintTexts): void {
  ctx.fillStyle = PAPER;
  ctx.fillRect(0, 0, layout.page.width, layout.page.height);
  ctx.fillStyle = RULE;
  ctx.fillRect(layout.margin, layout.titleBand.height - 8 * layout.unit, layout.page.width - 2 * layout.margin, Math.max(1, layout.unit));
  drawTitle(ctx, layout, texts);
  drawMap(ctx, layout, snapshot);
  drawLegend(ctx, layout, entries, texts);
  drawScaleBar(ctx, layout, snapshot);
  drawNorthArrow(ctx, layout, snapshot.bearing, texts.north);
  drawFooter(ctx, layout, texts);
}

/** Measures the widest legend row (swatch, gap and label) at the layout's text size. */
export function legendItemWidth(ctx: CanvasRenderingContext2D, entries: readonly LegendEntry[], unit: number): number {
  font(ctx, 13 * unit);
  const widest = Math.max(0, ...entries.map((e) => ctx.measureText(e.label).width));
  return Math.ceil(14 * unit + 8 * unit + widest + 4 * unit);
}
