import { describe, expect, it } from 'vitest';
import { uncoveredPadding } from './preview';

describe('uncoveredPadding', () => {
  const map = { left: 300, top: 48, right: 960, bottom: 800 };

  it('keeps the fitted features out from under a tool panel on the right of the map', () => {
    const dock = { left: 548, top: 100, right: 908, bottom: 700 };
    expect(uncoveredPadding(map, [dock])).toEqual({ top: 40, right: 432, bottom: 40, left: 40 });
  });

  it('moves the left edge for a panel on the left and the bottom for a phone sheet', () => {
    const edit = { left: 312, top: 100, right: 612, bottom: 500 };
    expect(uncoveredPadding(map, [edit]).left).toBe(332);
    const phone = { left: 0, top: 0, right: 390, bottom: 844 };
    const sheet = { left: 0, top: 338, right: 390, bottom: 844 };
    expect(uncoveredPadding(phone, [sheet])).toEqual({ top: 40, right: 40, bottom: 526, left: 40 });
  });

  it('ignores panels beside the map and never leaves less than the minimum to fit into', () => {
    expect(uncoveredPadding(map, [{ left: 960, top: 48, right: 1280, bottom: 800 }])).toEqual({ top: 40, right: 40, bottom: 40, left: 40 });
    const huge = { left: 380, top: 60, right: 950, bottom: 790 };
    const padding = uncoveredPadding(map, [huge]);
    expect(660 - padding.left - padding.right).toBeGreaterThanOrEqual(120);
  });
});
