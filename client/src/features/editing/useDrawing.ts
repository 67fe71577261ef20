import type { Geometry } from 'geojson';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPointMode, TerraDrawPolygonMode, TerraDrawSelectMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { GeometryType } from '@shared/layers';

/** What `useDrawing` returns. */
export interface UseDrawingReturn {
  /** Lets the user draw one new geometry of a family; `onDrawn` gets it, after which it can still be dragged. */
  drawNew(family: GeometryType, onDrawn: (geometry: Geometry) => void): void;
  /** Shows a geometry with draggable vertices (single geometries only); false when it cannot be edited. */
  edit(geometry: Geometry): boolean;
  /** The geometry as drawn or moved so far. */
  current(): Geometry | undefined;
  /** Removes the drawing and stops listening to the map. */
  stop(): void;
}

const MODE: Record<GeometryType, string> = { Point: 'point', LineString: 'linestring', Polygon: 'polygon' };
const EDITABLE = { feature: { draggable: true, coordinates: { draggable: true, midpoints: true, deletable: true } } };

/** Draws and edits one geometry at a time on the map with terra-draw (started only while in use). */
export function useDrawing(map: MaplibreMap): UseDrawingReturn {
  let draw: TerraDraw | undefined;

  function start(): TerraDraw {
    stop();
    const instance = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map }),
      modes: [
        new TerraDrawPointMode(),
        new TerraDrawLineStringMode(),
        new TerraDrawPolygonMode(),
        new TerraDrawSelectMode({ flags: { point: { feature: { draggable: true } }, linestring: EDITABLE, polygon: EDITABLE } }),
      ],
    });
    instance.start();
    draw = instance;
    return instance;
  }

  function stop(): void {
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
      const instance = start();
      instance.setMode(MODE[family]);
      instance.on('finish', (id) => {
        if (instance.getMode() === 'select') return;
        const feature = instance.getSnapshot().find((f) => f.id === id);
        if (!feature) return;
        select(instance, id);
        onDrawn(feature.geometry as Geometry);
      });
    },
    edit(geometry) {
      const family = (Object.keys(MODE) as GeometryType[]).find((g) => g === geometry.type);
      if (!family) return false;
      const instance = start();
      const [result] = instance.addFeatures([{ type: 'Feature', geometry, properties: { mode: MODE[family] } } as never]);
      if (!result?.valid || result.id === undefined) {
        stop();
        return false;
      }
      select(instance, result.id);
      return true;
    },
    current: () => draw?.getSnapshot()[0]?.geometry as Geometry | undefined,
    stop,
  };
}
