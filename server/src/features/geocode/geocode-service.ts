import type { Geometry } from 'geojson';
import { LAYER_ID_PATTERN } from '@shared/layer-id';
import { BadRequestError } from '../../errors';
import { checkWithin, districtArea, type FeatureRepository, type LayerService } from '../layers';
import { matchAddress, type GazetteerEntry, type GazetteerMatch } from './gazetteer';
import { normaliseAddress } from './normalise';
import { placePoints } from './place-point';

const CASES = 'cases';
/** Layers that name no place: the reports themselves, the artificial grid cells, the boundary. */
export const NOT_PLACES: readonly string[] = [CASES, 'grid-cells', 'district-boundary'];
/** Properties that hold a feature's names and addresses. */
export const PLACE_PROPERTIES: readonly string[] = ['name', 'address', 'office_address'];
/** Bounds of the gazetteer: features read per layer, entries in all. */
export const GAZETTEER_LIMITS = { featuresPerLayer: 10_000, entries: 50_000 } as const;
/** The longest address accepted, in characters. */
export const MAX_ADDRESS_LENGTH = 200;

/** An `address_id`: `layer-id:feature-id`. */
const ADDRESS_ID = new RegExp(`^(${LAYER_ID_PATTERN}):(\\d{1,15})$`);

const GEOMETRY_RANK: Record<string, number> = { Point: 0, MultiPoint: 0, Polygon: 1, MultiPolygon: 1, LineString: 2, MultiLineString: 2 };

/** A place found for an address: its point, and what matched. */
export interface GeocodedPlace {
  lon: number;
  lat: number;
  /** `layer-id:feature-id` of the matched feature (an Open311 `address_id`). */
  addressId: string;
  /** The matched name or address as the layer writes it. */
  label: string;
  match: GazetteerMatch['match'] | 'address_id';
}

/**
 * Geocodes addresses against the district's own layers (streets, landmarks, buildings,
 * communities, facilities): a gazetteer of their names and addresses, each with a point inside
 * the district, rebuilt when one of those layers changes.
 */
export function createGeocodeService(deps: { layers: LayerService; features: Pick<FeatureRepository, 'query'> }) {
  const { layers, features } = deps;
  let cache: { versions: string; entries: GazetteerEntry[] } | undefined;

  function build(): GazetteerEntry[] {
    const district = districtArea(features);
    const inside = (p: number[]) => !district || checkWithin({ type: 'Point', coordinates: p }, district, 0).length === 0;
    const entries: GazetteerEntry[] = [];
    for (const layer of layers.list()) {
      if (NOT_PLACES.includes(layer.id)) continue;
      const { rows } = layers.query({ layerId: layer.id, limit: GAZETTEER_LIMITS.featuresPerLayer, offset: 0 });
      for (const row of rows) {
        const properties = JSON.parse(row.properties) as Record<string, unknown>;
        const labels = PLACE_PROPERTIES.map((p) => properties[p]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
        if (!labels.length) continue;
        const geometry = JSON.parse(row.geometry) as Geometry;
        const point = placePoints(geometry).find(inside);
        if (!point) continue;
        for (const label of labels) {
          const key = normaliseAddress(label);
          if (key) entries.push({ key, label, layerId: layer.id, featureId: row.id, rank: GEOMETRY_RANK[geometry.type] ?? 3, lon: point[0]!, lat: point[1]! });
          if (entries.length >= GAZETTEER_LIMITS.entries) return entries;
        }
      }
    }
    return entries;
  }

  function gazetteer(): GazetteerEntry[] {
    // the boundary (which decides what is inside) counts too; the cases layer, which changes all the time, does not
    const versions = layers.list().filter((l) => l.id !== CASES).map((l) => `${l.id}@${l.version}`).join(',');
    if (cache?.versions !== versions) cache = { versions, entries: build() };
    return cache.entries;
  }

  const placeOf = (entry: GazetteerEntry, match: GeocodedPlace['match']): GeocodedPlace => ({
    lon: entry.lon, lat: entry.lat, addressId: `${entry.layerId}:${entry.featureId}`, label: entry.label, match,
  });

  return {
    /** The place an address names, or undefined when nothing in the district matches. 400 for an address too long. */
    geocode(address: string): GeocodedPlace | undefined {
      if (address.length > MAX_ADDRESS_LENGTH) throw new BadRequestError(`an address may have at most ${MAX_ADDRESS_LENGTH} characters`);
      const found = matchAddress(gazetteer(), address);
      return found ? placeOf(found.entry, found.match) : undefined;
    },
    /** The place of an `address_id` (`layer-id:feature-id` of a named feature), or undefined when there is none. */
    byAddressId(addressId: string): GeocodedPlace | undefined {
      const m = ADDRESS_ID.exec(addressId);
      if (!m) return undefined;
      const entry = gazetteer().find((e) => e.layerId === m[1] && e.featureId === Number(m[2]));
      return entry ? placeOf(entry, 'address_id') : undefined;
    },
    /** How many names and addresses the gazetteer holds now. */
    size: (): number => gazetteer().length,
  };
}

/** The geocoding service's interface. */
export type GeocodeService = ReturnType<typeof createGeocodeService>;
