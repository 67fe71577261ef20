export { matchAddress, type GazetteerEntry, type GazetteerMatch, type MatchKind } from './gazetteer';
export { createGeocodeService, GAZETTEER_LIMITS, MAX_ADDRESS_LENGTH, NOT_PLACES, PLACE_PROPERTIES, type GeocodedPlace, type GeocodeService } from './geocode-service';
export { normaliseAddress, streetPart } from './normalise';
export { placePoints } from './place-point';
