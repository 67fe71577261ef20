import type { LayerInfo } from '@shared/layers';
import { NotFoundError } from '../../errors';
import type { FeatureQuery, FeatureRepository, FeatureRow } from './feature-repository';
import type { Layer, LayerExtent, LayerRepository } from './layer-repository';

/** Serialises a stored feature row as GeoJSON text without re-parsing it. */
export function featureJson(row: FeatureRow): string {
  return `{"type":"Feature","id":${row.id},"geometry":${row.geometry},"properties":${row.properties}}`;
}

/** Reads of layers and their features, shared by the OGC API and the console API. */
export function createLayerService(deps: { layers: LayerRepository; features: FeatureRepository }) {
  const { layers, features } = deps;

  function require(id: string): Layer {
    const layer = layers.get(id);
    if (!layer) throw new NotFoundError(`collection "${id}" does not exist`);
    return layer;
  }

  return {
    /** Every layer in drawing order. */
    list: (): Layer[] => layers.list(),
    /** A layer or a 404. */
    require,
    /** A layer's feature count, bbox and time interval. */
    extent: (id: string): LayerExtent => layers.extent(id),
    /** Every layer with its extent, as `GET /api/layers` returns it. */
    infos(): LayerInfo[] {
      return layers.list().map((l) => {
        const ext = layers.extent(l.id);
        return {
          id: l.id, title: l.title, description: l.description, group: l.group, geometryType: l.geometryType,
          schema: l.schema, style: l.style, labelProperty: l.options.labelProperty, temporal: l.options.temporal, readOnly: l.options.readOnly,
          attribution: l.attribution, version: l.version, featureCount: ext.featureCount, bbox: ext.bbox, interval: ext.interval,
        };
      });
    },
    /** A page of a layer's features. */
    query(q: FeatureQuery) {
      require(q.layerId);
      return features.query(q);
    },
    /** One feature or a 404. */
    feature(layerId: string, id: number): FeatureRow {
      require(layerId);
      const row = Number.isSafeInteger(id) ? features.get(layerId, id) : undefined;
      if (!row) throw new NotFoundError(`feature "${id}" does not exist in collection "${layerId}"`);
      return row;
    },
  };
}

/** The layer service's interface. */
export type LayerService = ReturnType<typeof createLayerService>;
