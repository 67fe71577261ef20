import { getJson, type FetchLike } from '../../../api/http';

/** A community or unit grid to filter by. */
export interface PlaceOption {
  code: string;
  name: string;
  nameEn: string;
}

interface Items {
  features: { properties: Record<string, unknown> }[];
}

function options(items: Items): PlaceOption[] {
  return items.features
    .map((f) => f.properties)
    .filter((p) => typeof p.code === 'string')
    .map((p) => ({ code: String(p.code), name: String(p.name ?? p.code), nameEn: String(p.name_en ?? p.name ?? p.code) }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

const ACCEPT = 'application/geo+json, application/json';

/** The district's communities (OGC API `communities` collection). */
export async function fetchCommunities(fetch: FetchLike, signal?: AbortSignal): Promise<PlaceOption[]> {
  return options(await getJson<Items>('/ogc/collections/communities/items?limit=100', { fetch, signal, accept: ACCEPT }));
}

/** The unit grids of one community (OGC API `grid-cells`, filtered by `community_code`). */
export async function fetchGrids(community: string, fetch: FetchLike, signal?: AbortSignal): Promise<PlaceOption[]> {
  const query = new URLSearchParams({ community_code: community, limit: '500' });
  return options(await getJson<Items>(`/ogc/collections/grid-cells/items?${query}`, { fetch, signal, accept: ACCEPT }));
}
