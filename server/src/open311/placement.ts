import { BadRequestError } from '../errors';
import type { GeocodedPlace, GeocodeService } from '../features/geocode';
import type { RequestForm } from './schemas';

/** Where a request's point came from, as recorded with its report: the reporter's coordinates, or a geocoded address. */
export interface LocationSource {
  source: 'coordinates' | 'address_string' | 'address_id';
  /** For a geocoded request: `layer-id:feature-id` of the place, its name or address, and how it matched. */
  addressId?: string;
  place?: string;
  match?: GeocodedPlace['match'];
}

/** A request's point, the address stored with its case, and where the point came from. */
export interface Placement {
  lon: number;
  lat: number;
  address?: string;
  location: LocationSource;
}

/** Quotes a reporter's text in an error message, shortened. */
const quoted = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);

/**
 * Places a POSTed request: its `lat` and `long` when given (both or neither); else its
 * `address_id` (a `layer-id:feature-id` of a named place) or `address_string`, geocoded against
 * the district's own streets, addresses and places. 400 naming the address when nothing matches.
 */
export function placeRequest(form: RequestForm, geocoder: Pick<GeocodeService, 'geocode' | 'byAddressId'>): Placement {
  if ((form.lat === undefined) !== (form.long === undefined)) throw new BadRequestError('lat and long must be given together');
  if (form.lat !== undefined && form.long !== undefined) {
    return { lon: form.long, lat: form.lat, address: form.address_string, location: { source: 'coordinates' } };
  }
  if (form.address_id !== undefined) {
    const place = geocoder.byAddressId(form.address_id);
    if (place) return placed(place, 'address_id', form.address_string);
    if (form.address_string === undefined) {
      throw new BadRequestError(`address_id ${quoted(form.address_id)} names no place in the Qingbo district (address ids are "layer-id:feature-id" of a named feature, e.g. "landmarks:1")`);
    }
  }
  if (form.address_string !== undefined) {
    const place = geocoder.geocode(form.address_string);
    if (place) return placed(place, 'address_string', form.address_string);
    throw new BadRequestError(`address_string ${quoted(form.address_string)} matches no street, address or place in the Qingbo district; give lat and long instead`);
  }
  throw new BadRequestError('lat and long are required (or an address_string or address_id to place the report by)');
}

function placed(place: GeocodedPlace, source: 'address_string' | 'address_id', address: string | undefined): Placement {
  return {
    lon: place.lon, lat: place.lat, address: address ?? place.label,
    location: { source, addressId: place.addressId, place: place.label, match: place.match },
  };
}
