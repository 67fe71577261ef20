import type { CaseAnswer, CategoriesAnswer, DispatchAnswer } from '@shared/cases';
import { getJson, requestJson, type FetchLike } from '../../api/http';

/**
 * Case answers differ per user (next actions, contact data, a handler's department) and change
 * all the time: never from the browser cache, never revalidated with another user's ETag.
 */
const LIVE = 'no-store' as const;
import type {
  ActionRequest, CaseAction, CaseCategory, CaseList, CaseLocation, CaseDetail, Department, DuplicatesAnswer, NewCaseRequest, QueuesAnswer,
} from './types';

/** The filters of `GET /api/cases`, as query strings. */
export type CaseListParams = Partial<Record<'state' | 'category' | 'community' | 'grid' | 'department' | 'overdue' | 'from' | 'to' | 'q' | 'reporter' | 'limit' | 'offset', string>>;

/** The URL of a case list query; empty parameters are left out. */
export function caseListUrl(params: CaseListParams): string {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const text = query.toString();
  return text ? `/api/cases?${text}` : '/api/cases';
}

/** `GET /api/cases/categories`: the category catalogue. */
export async function fetchCategories(fetch: FetchLike, signal?: AbortSignal): Promise<CaseCategory[]> {
  const body = await getJson<CategoriesAnswer>('/api/cases/categories', { fetch, signal });
  if (!Array.isArray(body?.categories)) throw new TypeError('GET /api/cases/categories: "categories" is not an array');
  return body.categories;
}

/** `GET /api/cases`: a filtered page of cases. */
export async function fetchCases(params: CaseListParams, fetch: FetchLike, signal?: AbortSignal): Promise<CaseList> {
  const body = await getJson<CaseList>(caseListUrl(params), { fetch, signal, cache: LIVE });
  if (!Array.isArray(body?.cases)) throw new TypeError('GET /api/cases: "cases" is not an array');
  return body;
}

/** `GET /api/cases/queues`: counts per state and the caller's work queues. */
export function fetchQueues(fetch: FetchLike, signal?: AbortSignal): Promise<QueuesAnswer> {
  return getJson<QueuesAnswer>('/api/cases/queues', { fetch, signal, cache: LIVE });
}

/** `GET /api/cases/:id`: a case with its timeline, clock and the caller's next actions. */
export async function fetchCase(id: string | number, fetch: FetchLike, signal?: AbortSignal): Promise<CaseDetail> {
  const body = await getJson<CaseAnswer>(`/api/cases/${encodeURIComponent(String(id))}`, { fetch, signal, cache: LIVE });
  return body.case;
}

/**
 * `POST /api/cases`: files a case. The same idempotency key filed again by the same user
 * answers the first case (200 instead of 201), so a retry never makes a second one.
 */
export async function postCase(body: NewCaseRequest, fetch: FetchLike, signal?: AbortSignal): Promise<CaseDetail> {
  const answer = await requestJson<Partial<CaseAnswer> | undefined>('/api/cases', { fetch, signal, method: 'POST', body, reportAuthFailures: false });
  if (typeof answer?.case?.id !== 'number') throw new Error('POST /api/cases answered without a case');
  return answer.case;
}

/** `POST /api/cases/:id/actions/:action` with the case version seen (a stale one answers 412). */
export async function postAction(id: number, action: CaseAction, input: ActionRequest, fetch: FetchLike): Promise<CaseDetail> {
  const answer = await requestJson<CaseAnswer>(`/api/cases/${id}/actions/${action}`, { fetch, method: 'POST', body: input });
  return answer.case;
}

/** `POST /api/cases/dispatch`: dispatches several registered cases to one department. */
export async function postBulkDispatch(ids: number[], department: Department, fetch: FetchLike): Promise<CaseDetail[]> {
  const answer = await requestJson<DispatchAnswer>('/api/cases/dispatch', { fetch, method: 'POST', body: { ids, department } });
  return answer.cases;
}

/** `GET /api/cases/duplicates`: open cases of a category near a point. */
export function fetchDuplicates(category: string, lon: number, lat: number, fetch: FetchLike, signal?: AbortSignal): Promise<DuplicatesAnswer> {
  const query = new URLSearchParams({ category, lon: String(lon), lat: String(lat) });
  return getJson<DuplicatesAnswer>(`/api/cases/duplicates?${query}`, { fetch, signal, cache: LIVE });
}

/** `GET /api/cases/locate`: the community, grid and nearest street of a point. */
export function fetchLocation(lon: number, lat: number, fetch: FetchLike, signal?: AbortSignal): Promise<CaseLocation> {
  const query = new URLSearchParams({ lon: String(lon), lat: String(lat) });
  return getJson<CaseLocation>(`/api/cases/locate?${query}`, { fetch, signal });
}
