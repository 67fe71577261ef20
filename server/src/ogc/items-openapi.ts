import { CQL2_LIMITS, FILTER_LANGS } from './cql2';
import { CRS84, CRS_URIS } from './crs';
import { LIST_LIMIT } from './items-params';

const crsSchema = { type: 'string', format: 'uri', enum: [...CRS_URIS], default: CRS84 };
const query = { in: 'query', required: false, style: 'form', explode: false } as const;

/** OpenAPI parameters of Parts 2 (CRS) and 3 (filtering), `sortby` and `properties`, keyed as in `components.parameters`. */
export const ITEMS_EXTRA_PARAMETERS = {
  crs: { name: 'crs', ...query, description: 'CRS of the response geometries (EPSG:4326 and EPSG:4490 latitude first, EPSG:3857 in metres)', schema: crsSchema },
  'bbox-crs': { name: 'bbox-crs', ...query, description: 'CRS of the bbox parameter', schema: crsSchema },
  filter: {
    name: 'filter', ...query,
    description: `A CQL2 filter (at most ${CQL2_LIMITS.maxLength} characters, ${CQL2_LIMITS.maxNodes} nodes, ${CQL2_LIMITS.maxDepth} levels, ${CQL2_LIMITS.maxPositions} positions) over the queryables`,
    schema: { type: 'string', maxLength: CQL2_LIMITS.maxLength },
  },
  'filter-lang': {
    name: 'filter-lang', ...query,
    description: 'Encoding of filter; cql-text is the draft name of cql2-text (sent by GDAL 3.6)',
    schema: { type: 'string', enum: [...FILTER_LANGS], default: 'cql2-text' },
  },
  'filter-crs': { name: 'filter-crs', ...query, description: 'CRS of the geometry literals in filter', schema: crsSchema },
  sortby: {
    name: 'sortby', ...query,
    description: `Up to ${LIST_LIMIT} comma-separated queryables (or id), each prefixed - for descending (+ or nothing: ascending)`,
    schema: { type: 'array', maxItems: LIST_LIMIT, items: { type: 'string', pattern: '^[+-]?[^,]+$' } },
  },
  properties: {
    name: 'properties', ...query,
    description: 'Comma-separated properties to keep in the response (empty: none)',
    schema: { type: 'array', maxItems: LIST_LIMIT, items: { type: 'string' } },
  },
};

/** `$ref`s to the parameters above, for the items operation. */
export const ITEMS_EXTRA_REFS = Object.keys(ITEMS_EXTRA_PARAMETERS).map((k) => ({ $ref: `#/components/parameters/${k}` }));
