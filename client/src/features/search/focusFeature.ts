import { bbox } from '@turf/turf';
import type { Feature } from 'geojson';
import type { Map as MaplibreMap, PaddingOptions } from 'maplibre-gl';

/** The closest zoom a found feature is shown at (a point is shown at exactly this zoom): a street with its neighbours, not a single building. */
export const FOCUS_MAX_ZOOM = 17;
/** Screens at most this wide show the details panel as a bottom sheet over the map (as MapPage's phone query). */
const PHONE_WIDTH = 640;
/** Share of the map's height the details sheet may cover on a phone. */
const SHEET_SHARE = 0.55;
const MARGIN = 48;

/** The feature's extent [west, south, east, north], or undefined for a feature without geometry. */
export function featureBounds(feature: Feature): [number, number, number, number] | undefined {
  if (!feature.geometry) return undefined;
  const [west, south, east, north] = bbox(feature);
  return [west, south, east, north].every(Number.isFinite) ? [west, south, east, north] : undefined;
}

/** Room to keep around a found feature: a margin, and on a phone the part the details sheet covers. */
export function focusPadding(container: { width: number; height: number }): Required<PaddingOptions> {
  const padding = { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN };
  if (container.width > PHONE_WIDTH) return padding;
  const bottom = Math.round(container.height * SHEET_SHARE) + MARGIN / 2;
  if (padding.top + bottom >= container.height) return padding;
  return { ...padding, bottom };
}

/** Moves the map to show a feature whole (a point at zoom 17), clear of the details sheet on a phone. */
export function focusFeature(map: Pick<MaplibreMap, 'getContainer' | 'fitBounds'>, feature: Feature): void {
  const bounds = featureBounds(feature);
  if (!bounds) return;
  const { width, height } = map.getContainer().getBoundingClientRect();
  let padding = focusPadding({ width, height });
  if (padding.left + padding.right >= width || padding.top + padding.bottom >= height) padding = { top: 0, right: 0, bottom: 0, left: 0 };
  map.fitBounds(bounds, { padding, maxZoom: FOCUS_MAX_ZOOM, duration: 800 });
}
