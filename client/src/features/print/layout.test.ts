import { describe, expect, it } from 'vitest';
import { printLayout, unitFor, type Rect } from './layout';
import { A4_LANDSCAPE_150DPI, offscreenView, pageFor } from './sizes';

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Rect, b: Rect) => a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width + 1e-9 && a.y + a.height <= b.y + b.height + 1e-9;

function a4(legendCount: number, hasSubtitle = true) {
  const { page, unit } = pageFor('a4-landscape', { width: 900, height: 700 }, hasSubtitle);
  return printLayout(page, { unit, hasSubtitle, legendCount, legendItemWidth: 200 * unit });
}

describe('printLayout', () => {
  it('stacks the title band, the map and the footer without gaps or overlaps, inside the page', () => {
    const layout = a4(6);
    expect(layout.page).toEqual(A4_LANDSCAPE_150DPI);
    expect(layout.map.y).toBe(layout.titleBand.y + layout.titleBand.height);
    expect(layout.footer.y).toBe(layout.map.y + layout.map.height);
    expect(layout.footer.y + layout.footer.height).toBe(layout.page.height);
    expect(layout.map.x).toBe(layout.margin);
    expect(layout.map.x + layout.map.width).toBe(layout.page.width - layout.margin);
    expect(layout.titleY).toBeLessThan(layout.subtitleY!);
    expect(layout.subtitleY!).toBeLessThan(layout.map.y);
    expect(layout.footerLines[0]).toBeGreaterThan(layout.map.y + layout.map.height);
    expect(layout.footerLines[1]).toBeLessThan(layout.page.height);
  });

  it('keeps the legend, the scale bar and the north arrow inside the map, below the title and apart', () => {
    for (const count of [1, 6, 16, 40]) {
      const layout = a4(count);
      const legend = layout.legend!;
      expect(inside(legend.box, layout.map)).toBe(true);
      expect(legend.box.y).toBeGreaterThanOrEqual(layout.titleBand.y + layout.titleBand.height);
      expect(overlaps(legend.box, layout.titleBand)).toBe(false);
      expect(overlaps(legend.box, layout.scaleBar)).toBe(false);
      expect(overlaps(legend.box, layout.northArrow)).toBe(false);
      expect(inside(layout.scaleBar, layout.map)).toBe(true);
      expect(inside(layout.northArrow, layout.map)).toBe(true);
      for (const item of legend.items) expect(inside({ ...item, width: 1, height: layout.legendRowHeight }, legend.box)).toBe(true);
    }
  });

  it('wraps a long legend into more columns, and says how many rows it could not show at all', () => {
    const few = a4(5).legend!;
    expect(few).toMatchObject({ columns: 1, rows: 5, overflow: 0 });
    expect(few.items).toHaveLength(5);

    const many = a4(40).legend!;
    expect(many.columns).toBeGreaterThan(1);
    expect(many.overflow).toBe(0);
    expect(many.items).toHaveLength(40);
    expect(new Set(many.items.map((i) => i.x)).size).toBe(many.columns);

    const { page, unit } = pageFor('view', { width: 500, height: 360 }, false);
    const cramped = printLayout(page, { unit, hasSubtitle: false, legendCount: 60, legendItemWidth: 150 * unit }).legend!;
    expect(cramped.overflow).toBeGreaterThan(0);
    expect(cramped.items.length - 1 + cramped.overflow).toBe(60);
  });

  it('prefers another column to a legend taller than two fifths of the map', () => {
    const { page, unit } = pageFor('view', { width: 660, height: 752 }, false);
    const layout = printLayout(page, { unit, hasSubtitle: false, legendCount: 17, legendItemWidth: 120 * unit });
    expect(layout.legend!.columns).toBe(2);
    expect(layout.legend!.box.height).toBeLessThanOrEqual(layout.map.height * 0.4);

    const narrow = printLayout(page, { unit, hasSubtitle: false, legendCount: 17, legendItemWidth: 400 * unit });
    expect(narrow.legend!.columns).toBe(1);
    expect(narrow.legend!.box.height).toBeGreaterThan(layout.map.height * 0.4);
    expect(narrow.legend!.overflow).toBe(0);
  });

  it('has no legend without entries, and no subtitle line without a subtitle', () => {
    const layout = a4(0, false);
    expect(layout.legend).toBeUndefined();
    expect(layout.subtitleY).toBeUndefined();
    expect(layout.map.y).toBeLessThan(a4(0, true).map.y);
  });

  it('refuses a page too small for a map', () => {
    expect(() => printLayout({ width: 100, height: 60 }, { unit: 1, hasSubtitle: true, legendCount: 0, legendItemWidth: 0 })).toThrow(RangeError);
  });
});

describe('pageFor', () => {
  it('wraps the title and footer around the visible map\'s pixels, so the map keeps its exact size', () => {
    const map = { width: 980, height: 748 };
    const { page, unit } = pageFor('view', map, true);
    const layout = printLayout(page, { unit, hasSubtitle: true, legendCount: 3, legendItemWidth: 150 });
    expect({ width: layout.map.width, height: layout.map.height }).toEqual(map);
    expect(page.width).toBeGreaterThan(map.width);
    expect(unit).toBe(unitFor(map));
  });

  it('is A4 landscape at 150 dpi (1754 × 1240) whatever the map', () => {
    expect(pageFor('a4-landscape', { width: 300, height: 300 }, false).page).toEqual({ width: 1754, height: 1240 });
  });
});

describe('offscreenView', () => {
  it('raises the pixel ratio to fill a larger area at the same zoom, showing at least the visible extent', () => {
    const view = offscreenView({ width: 1680, height: 1070 }, { width: 980, height: 748 });
    expect(view.zoomOffset).toBe(0);
    expect(view.pixelRatio).toBeCloseTo(1070 / 748, 9);
    expect(view.height).toBe(748);
    expect(view.width).toBeGreaterThanOrEqual(980);
  });

  it('lowers the zoom instead when the area is smaller than the visible map, and caps the pixel ratio', () => {
    const small = offscreenView({ width: 800, height: 600 }, { width: 1600, height: 1000 });
    expect(small).toEqual({ width: 800, height: 600, pixelRatio: 1, zoomOffset: -1 });
    expect(offscreenView({ width: 4000, height: 4000 }, { width: 200, height: 200 }, 3).pixelRatio).toBe(3);
  });
});
