import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { featureBounds, focusFeature, focusPadding, FOCUS_MAX_ZOOM } from './focusFeature';
import { searchWidth, SEARCH_MAX_WIDTH } from './useSearchRoom';

const alley: Feature = { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[120.1570, 30.2470], [120.1590, 30.2475]] } };
const room: Feature = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [120.16, 30.245] } };

/** A map of the given size that records what it was asked to fit. */
function fakeMap(width: number, height: number) {
  const fits: unknown[][] = [];
  return {
    fits,
    getContainer: () => ({ getBoundingClientRect: () => ({ width, height }) }) as HTMLElement,
    fitBounds: (...args: unknown[]) => {
      fits.push(args);
      return undefined as never;
    },
  };
}

describe('focusFeature', () => {
  it('fits a line to its extent and a point to itself, no closer than street zoom 17', () => {
    const map = fakeMap(1000, 700);
    focusFeature(map, alley);
    focusFeature(map, room);

    expect(FOCUS_MAX_ZOOM).toBe(17);
    expect(map.fits).toEqual([
      [[120.157, 30.247, 120.159, 30.2475], { padding: { top: 48, right: 48, bottom: 48, left: 48 }, maxZoom: FOCUS_MAX_ZOOM, duration: 800 }],
      [[120.16, 30.245, 120.16, 30.245], expect.objectContaining({ maxZoom: 17 })],
    ]);
  });

  it('keeps a feature above the details sheet on a phone and does nothing without a geometry', () => {
    expect(focusPadding({ width: 390, height: 700 })).toEqual({ top: 48, right: 48, bottom: 409, left: 48 });
    expect(focusPadding({ width: 390, height: 120 })).toEqual({ top: 48, right: 48, bottom: 48, left: 48 });
    const map = fakeMap(390, 700);
    focusFeature(map, { type: 'Feature', properties: {}, geometry: null as never });
    expect(map.fits).toEqual([]);
    expect(featureBounds(room)).toEqual([120.16, 30.245, 120.16, 30.245]);
  });
});

describe('searchWidth', () => {
  it('fills the room up to the toolbar, at most 18rem, and folds below 10rem', () => {
    expect(searchWidth(420, 972)).toEqual({ width: SEARCH_MAX_WIDTH, compact: false });
    expect(searchWidth(420, 652)).toEqual({ width: 224, compact: false });
    expect(searchWidth(120, 280)).toEqual({ width: 152, compact: true });
    expect(searchWidth(120, 82)).toEqual({ width: 0, compact: true });
  });
});
