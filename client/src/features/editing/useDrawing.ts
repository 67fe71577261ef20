import type { Geometry } from 'geojson';
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { TerraDraw } from 'terra-draw';
import type { GeometryType } from '@shared/layers';
import { MAP_READY_MARK } from '../../maplibre/context';

/** What `useDrawing` returns. */
export interface UseDrawingReturn {
  /** Lets the user draw one new geometry of a family; `onDrawn` gets it, after which it can still be dragged. */
  drawNew(family: GeometryType, onDrawn: (geometry: Geometry) => void): void;
  /** Shows a geometry with draggable vertices (single geometries only); false when its type cannot be edited (one terra-draw finds invalid is dropped). */
  edit(geometry: Geometry): boolean;
  /** The geometry as drawn or moved so far. */
  current(): Geometry | undefined;
  /** Removes the drawing and stops listening to the map. */
  stop(): void;
}

const MODE: Record<GeometryType, string> = { Point: 'point', LineString: 'linestring', Polygon: 'polygon' };
const EDITABLE = { feature: { draggable: true, coordinates: { draggable: true, midpoints: true, deletable: true } } };

let terraDraw: Promise<[typeof import('terra-draw'), typeof import('terra-draw-maplibre-gl-adapter')]> | undefined;

/** terra-draw and its MapLibre adapter, fetched once, at the first need (they are a chunk of their own). */
function loadTerraDraw() {
  terraDraw ??= Promise.all([import('terra-draw'), import('terra-draw-maplibre-gl-adapter')]);
  return terraDraw;
}

/**
 * Draws and edits one geometry at a time on the map with terra-draw (started only while in use). terra-draw is
 * fetched once the map has first drawn, so that it is at hand when the user starts drawing without delaying the map;
 * a drawing asked for before it arrived starts when it does.
 */
export function useDrawing(map: MaplibreMap): UseDrawingReturn {
  let draw: TerraDraw | undefined;
  /** Bumped by every start and stop: a start whose module arrives after a newer start or a stop is dropped. */
  let generation = 0;

  // after the MapView's first full draw (its mark), checked at each idle until then
  const preloadAfterFirstDraw = (): void => {
    if (performance.getEntriesByName(MAP_READY_MARK).length === 0) {
      map.once('idle', () => setTimeout(preloadAfterFirstDraw, 0));
      return;
    }
    loadTerraDraw().catch((e: unknown) => console.error('terra-draw could not be loaded', e));
  };
  preloadAfterFirstDraw();

  function start(then: (instance: TerraDraw) => void): void {
    stop();
    const mine = generation;
    loadTerraDraw().then(([td, { TerraDrawMapLibreGLAdapter }]) => {
      if (mine !== generation) return;
      const instance = new td.TerraDraw({
        adapter: new TerraDrawMapLibreGLAdapter({ map }),
        modes: [
          new td.TerraDrawPointMode(),
          new td.TerraDrawLineStringMode(),
          new td.TerraDrawPolygonMode(),
          new td.TerraDrawSelectMode({ flags: { point: { feature: { draggable: true } }, linestring: EDITABLE, polygon: EDITABLE } }),
        ],
      });
      instance.start();
      draw = instance;
      then(instance);
    }).catch((e: unknown) => console.error('terra-draw could not be loaded', e));
  }

  function stop(): void {
    generation += 1;
    if (!draw) return;
    draw.clear();
    draw.stop();
    draw = undefined;
  }

  function select(instance: TerraDraw, id: string | number): void {
    instance.setMode('select');
    instance.selectFeature(id);
  }

  return {
    drawNew(family, onDrawn) {
      start((instance) => {
        instance.setMode(MODE[family]);
        instance.on('finish', (id) => {
          if (instance.getMode() === 'select') return;
          const feature = instance.getSnapshot().find((f) => f.id === id);
          if (!feature) return;
          select(instance, id);
          onDrawn(feature.geometry as Geometry);
        });
      });
    },
    edit(geometry) {
      const family = (Object.keys(MODE) as GeometryType[]).find((g) => g === geometry.type);
      if (!family) return false;
      start((instance) => {
        const [result] = instance.addFeatures([{ type: 'Feature', geometry, properties: { mode: MODE[family] } } as never]);
        if (!result?.valid || result.id === undefined) {
          stop();
          return;
        }
        select(instance, result.id);
      });
      return true;
    },
    current: () => draw?.getSnapshot()[0]?.geometry as Geometry | undefined,
    stop,
  };
}
