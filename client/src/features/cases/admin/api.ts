import type { CategoryAnswer, NewCategoryBody } from '@shared/cases';
import { requestJson, type FetchLike } from '../../../api/http';
import type { CaseCategory } from '../types';
import type { CategoryChange } from './categoryForm';

/** The ETag of a category version, as the server sends it (`"category-<code>-<version>"`). */
export function categoryEtag(c: Pick<CaseCategory, 'code' | 'version'>): string {
  return `"category-${c.code}-${c.version}"`;
}

/** `PUT /api/cases/categories/:code` with If-Match of the version seen: a stale one answers 412. */
export async function putCategory(seen: Pick<CaseCategory, 'code' | 'version'>, change: CategoryChange, fetch: FetchLike): Promise<CaseCategory> {
  const answer = await requestJson<CategoryAnswer>(`/api/cases/categories/${encodeURIComponent(seen.code)}`, {
    fetch, method: 'PUT', body: change, headers: { 'If-Match': categoryEtag(seen) },
  });
  return answer.category;
}

/** `POST /api/cases/categories`: a district extension category. */
export async function postCategory(body: NewCategoryBody, fetch: FetchLike): Promise<CaseCategory> {
  const answer = await requestJson<CategoryAnswer>('/api/cases/categories', { fetch, method: 'POST', body });
  return answer.category;
}
