import { BadRequestError } from '../errors';
import { toInstant, type FeatureFilter, type PropertyEquals, type Layer, type SortKey } from '../features/layers';
import { bboxToCrs84, parseCrs, type Crs } from './crs';
import { FILTER_LANGS, parseFilter, type FilterLang } from './cql2';

/** Paging limits of `/items`, also published in the OpenAPI document. */
export const ITEMS_LIMIT = { default: 100, minimum: 1, maximum: 10_000 } as const;

/** Query parameters of `/items` that are not property filters. */
export const ITEMS_PARAMS = ['bbox', 'bbox-crs', 'datetime', 'limit', 'offset', 'f', 'crs', 'filter', 'filter-lang', 'filter-crs', 'sortby', 'properties'] as const;

/** Most keys of `sortby`, and most names of `properties`. */
export const LIST_LIMIT = 64;

const RFC3339 = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))?$/;
/** Parsed `/items` query. */
export interface ItemsParams {
  bbox?: [number, number, number, number];
  interval?: [string | null, string | null];
  limit: number;
  offset: number;
  equals: PropertyEquals[];
  /** The response's CRS (`crs`), CRS84 by default. */
  crs: Crs;
  filter?: FeatureFilter;
  sort?: SortKey[];
  /** Properties to keep in the response (`properties`); all when absent. */
  properties?: string[];
}

function single(query: Record<string, unknown>, name: string): string | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new BadRequestError(`parameter "${name}" must be given once`, { parameter: name });
  return v;
}

/**
 * Parses a bbox given in `crs` (`minLon,minLat,maxLon,maxLat` in CRS84, latitude first in EPSG:4326
 * and EPSG:4490, metres in EPSG:3857; or the 6-number 3D form) into CRS84.
 */
export function parseBbox(text: string, crs?: Crs): [number, number, number, number] {
  const parts = text.split(',');
  const nums = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
  if ((nums.length !== 4 && nums.length !== 6) || nums.some((n) => !Number.isFinite(n))) {
    throw new BadRequestError('bbox must be 4 or 6 comma-separated numbers: minLon,minLat,maxLon,maxLat', { parameter: 'bbox' });
  }
  const axes = (nums.length === 4 ? nums : [nums[0], nums[1], nums[3], nums[4]]) as [number, number, number, number];
  const [minX, minY, maxX, maxY] = crs ? bboxToCrs84(crs, axes) : axes;
  if (minY > maxY || minY < -90 || maxY > 90 || minX < -180 || maxX > 180) {
    throw new BadRequestError('bbox is out of range or its minimum latitude exceeds its maximum', { parameter: 'bbox' });
  }
  if (minX > maxX) throw new BadRequestError('bbox crossing the antimeridian is not supported', { parameter: 'bbox' });
  return [minX, minY, maxX, maxY];
}

function parseBound(text: string, end: boolean): string | null {
  if (text === '..' || text === '') return null;
  const instant = toInstant(text, end);
  if (instant === null || !RFC3339.test(text)) {
    throw new BadRequestError(`datetime "${text}" is not an RFC 3339 date or date-time`, { parameter: 'datetime' });
  }
  return instant;
}

/** Parses an RFC 3339 instant or an interval `start/end` with `..` for an open end. */
export function parseDatetime(text: string): [string | null, string | null] {
  const parts = text.split('/');
  if (parts.length > 2) throw new BadRequestError('datetime must be an instant or an interval "start/end"', { parameter: 'datetime' });
  if (parts.length === 1) {
    if (text === '..' || text === '') throw new BadRequestError('datetime instant must not be open', { parameter: 'datetime' });
    return [parseBound(text, false), parseBound(text, true)];
  }
  const [start, end] = [parseBound(parts[0]!, false), parseBound(parts[1]!, true)];
  if (start === null && end === null) throw new BadRequestError('datetime interval must have at least one end', { parameter: 'datetime' });
  if (start !== null && end !== null && start > end) throw new BadRequestError('datetime interval starts after it ends', { parameter: 'datetime' });
  return [start, end];
}

function parseInteger(text: string, name: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
    throw new BadRequestError(`parameter "${name}" must be an integer ≥ ${min}`, { parameter: name });
  }
  return Number(text);
}

function parseEquals(layer: Layer, name: string, text: string): PropertyEquals {
  const type = layer.schema.properties[name]?.type;
  if (type === 'number' || type === 'integer') {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n) || (type === 'integer' && !Number.isInteger(n))) {
      throw new BadRequestError(`filter "${name}" must be ${type === 'integer' ? 'an integer' : 'a number'}`, { parameter: name });
    }
    return { property: name, value: n };
  }
  if (type === 'boolean') {
    if (text !== 'true' && text !== 'false') throw new BadRequestError(`filter "${name}" must be true or false`, { parameter: name });
    return { property: name, value: text === 'true' };
  }
  return { property: name, value: text };
}

function queryable(layer: Layer, name: string, parameter: string) {
  const p = Object.hasOwn(layer.schema.properties, name) ? layer.schema.properties[name] : undefined;
  if (!p) {
    throw new BadRequestError(`${parameter}: unknown property "${name.slice(0, 80)}"; the properties of "${layer.id}" are: ${Object.keys(layer.schema.properties).join(', ')}`, { parameter });
  }
  return { kind: 'property' as const, name, type: p.type, ...(p.format ? { format: p.format } : {}) };
}

function names(text: string, parameter: string): string[] {
  const list = text.split(',');
  if (list.length > LIST_LIMIT) throw new BadRequestError(`${parameter} lists more than ${LIST_LIMIT} names`, { parameter });
  return list;
}

/** `sortby=-name,+id`: properties (or `id`), `-` for descending; `+` may arrive decoded as a space. */
export function parseSortby(layer: Layer, text: string): SortKey[] {
  return names(text, 'sortby').map((item) => {
    const descending = item.startsWith('-');
    const name = item.replace(/^[+\- ]/, '');
    if (name === 'id') return { property: null, descending };
    return { property: queryable(layer, name, 'sortby'), descending };
  });
}

/** `properties=a,b`: the properties kept in the response; an empty value keeps none. */
export function parseProperties(layer: Layer, text: string): string[] {
  if (text === '') return [];
  return [...new Set(names(text, 'properties').map((n) => queryable(layer, n, 'properties').name))];
}

function parseFilterParams(layer: Layer, query: Record<string, unknown>): FeatureFilter | undefined {
  const text = single(query, 'filter');
  const lang = single(query, 'filter-lang') ?? 'cql2-text';
  if (!(FILTER_LANGS as readonly string[]).includes(lang)) {
    throw new BadRequestError(`filter-lang must be one of ${FILTER_LANGS.join(', ')}`, { parameter: 'filter-lang' });
  }
  const filterCrs = parseCrs(single(query, 'filter-crs'), 'filter-crs');
  return text === undefined ? undefined : parseFilter(text, lang as FilterLang, layer, filterCrs);
}

/** Validates an `/items` query against the layer's schema; unknown parameters are a 400. */
export function parseItemsParams(layer: Layer, query: Record<string, unknown>): ItemsParams {
  const known = new Set<string>(ITEMS_PARAMS);
  const properties = layer.schema.properties;
  const unknown = Object.keys(query).filter((k) => !known.has(k) && !Object.hasOwn(properties, k));
  if (unknown.length) {
    throw new BadRequestError(`unknown query parameter "${unknown[0]!.slice(0, 80)}"; filterable properties are: ${Object.keys(properties).join(', ')}`, { parameter: unknown[0] });
  }
  const f = single(query, 'f');
  if (f !== undefined && f !== 'json' && f !== 'geojson') throw new BadRequestError('parameter "f" must be json or geojson', { parameter: 'f' });
  const crs = parseCrs(single(query, 'crs'), 'crs');
  const bboxCrs = parseCrs(single(query, 'bbox-crs'), 'bbox-crs');
  const bbox = single(query, 'bbox');
  const datetime = single(query, 'datetime');
  const limit = single(query, 'limit');
  const offset = single(query, 'offset');
  const sortby = single(query, 'sortby');
  const props = single(query, 'properties');
  return {
    bbox: bbox === undefined ? undefined : parseBbox(bbox, bboxCrs),
    interval: datetime === undefined ? undefined : parseDatetime(datetime),
    limit: limit === undefined ? ITEMS_LIMIT.default : Math.min(parseInteger(limit, 'limit', ITEMS_LIMIT.minimum), ITEMS_LIMIT.maximum),
    offset: offset === undefined ? 0 : parseInteger(offset, 'offset', 0),
    equals: Object.keys(query).filter((k) => Object.hasOwn(properties, k)).map((k) => parseEquals(layer, k, single(query, k)!)),
    crs,
    ...(sortby === undefined ? {} : { sort: parseSortby(layer, sortby) }),
    ...(props === undefined ? {} : { properties: parseProperties(layer, props) }),
    ...withFilter(parseFilterParams(layer, query)),
  };
}

const withFilter = (filter: FeatureFilter | undefined) => (filter ? { filter } : {});

/** The `crs` of a single-feature request (other parameters are left alone, as before Part 2). */
export function parseItemParams(query: Record<string, unknown>): { crs: Crs } {
  return { crs: parseCrs(single(query, 'crs'), 'crs') };
}
