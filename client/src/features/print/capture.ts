import * as maplibregl from 'maplibre-gl';
import { LOCAL_IDEOGRAPH_FONT_FAMILY } from '../../maplibre/fonts';
import type { Size } from './layout';
import { offscreenView } from './sizes';

/** Why a print failed, for a message in the user's language. */
export type PrintErrorCode = 'timeout' | 'webgl' | 'encode';

/** A print step that failed in a known way. */
export class PrintError extends Error {
  constructor(readonly code: PrintErrorCode, message: string) {
    super(message);
    this.name = 'PrintError';
  }
}

/** A copy of the map's pixels and the camera they were drawn with. */
export interface MapSnapshot {
  image: HTMLCanvasElement;
  /** Image pixels per CSS pixel of the map that drew it. */
  pixelRatio: number;
  latitude: number;
  zoom: number;
  bearing: number;
}

/** How long a map may take to draw every tile in view. */
export const RENDER_TIMEOUT_MS = 60_000;

function waitFor(map: maplibregl.Map, event: 'idle' | 'load', timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      map.off(event, done);
      reject(new PrintError('timeout', `the map did not finish drawing within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    function done(): void {
      clearTimeout(timer);
      resolve();
    }
    map.once(event, done);
    map.triggerRepaint();
  });
}

/**
 * Copies the map's next frame into a 2D canvas. A WebGL canvas without `preserveDrawingBuffer`
 * can only be read in the task that drew it, so the copy happens inside the 'render' event.
 */
function copyNextFrame(map: maplibregl.Map): Promise<HTMLCanvasElement> {
  return new Promise((resolve, reject) => {
    map.once('render', () => {
      const source = map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      const context = copy.getContext('2d');
      if (!context) {
        reject(new PrintError('encode', 'no 2D canvas context'));
        return;
      }
      context.drawImage(source, 0, 0);
      resolve(copy);
    });
    map.triggerRepaint();
  });
}

function snapshotOf(map: maplibregl.Map, image: HTMLCanvasElement): MapSnapshot {
  return {
    image,
    pixelRatio: image.width / map.getContainer().clientWidth,
    latitude: map.getCenter().lat,
    zoom: map.getZoom(),
    bearing: map.getBearing(),
  };
}

/** The visible map as drawn, once every tile in view has loaded. */
export async function snapshotVisibleMap(map: maplibregl.Map, timeoutMs = RENDER_TIMEOUT_MS): Promise<MapSnapshot> {
  await waitFor(map, 'idle', timeoutMs);
  return snapshotOf(map, await copyNextFrame(map));
}

/**
 * Draws the visible map's style (its layers, filters, visibility and overlays as they are now)
 * on a hidden map sized to fill `area` image pixels (see `offscreenView`), so the visible map
 * is left alone, and returns its pixels. The hidden map is removed afterwards.
 */
export async function renderOffscreen(map: maplibregl.Map, area: Size, timeoutMs = RENDER_TIMEOUT_MS): Promise<MapSnapshot> {
  const visible = map.getContainer();
  const view = offscreenView(area, { width: visible.clientWidth, height: visible.clientHeight });
  const container = document.createElement('div');
  container.setAttribute('aria-hidden', 'true');
  Object.assign(container.style, {
    position: 'fixed', left: '-20000px', top: '0', width: `${view.width}px`, height: `${view.height}px`, pointerEvents: 'none',
  });
  document.body.append(container);
  let hidden: maplibregl.Map | undefined;
  try {
    try {
      hidden = new maplibregl.Map({
        container,
        style: map.getStyle(),
        center: map.getCenter(),
        zoom: map.getZoom() + view.zoomOffset,
        bearing: map.getBearing(),
        pitch: map.getPitch(),
        pixelRatio: view.pixelRatio,
        maxZoom: 24,
        interactive: false,
        attributionControl: false,
        fadeDuration: 0,
        localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
      });
    } catch (e) {
      throw new PrintError('webgl', e instanceof Error ? e.message : String(e));
    }
    await waitFor(hidden, 'load', timeoutMs);
    await waitFor(hidden, 'idle', timeoutMs);
    return snapshotOf(hidden, await copyNextFrame(hidden));
  } finally {
    hidden?.remove();
    container.remove();
  }
}
