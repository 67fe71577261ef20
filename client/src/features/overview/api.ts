import type { OverviewResponse } from '@shared/overview';
import { getJson, type FetchLike } from '../../api/http';

/** `GET /api/overview`, for the district or one community. */
export function fetchOverview(community: string | null, fetch: FetchLike, signal?: AbortSignal): Promise<OverviewResponse> {
  const query = community ? `?community=${encodeURIComponent(community)}` : '';
  return getJson<OverviewResponse>(`/api/overview${query}`, { fetch, signal, cache: 'no-store' });
}
