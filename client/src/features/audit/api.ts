import type { AuditPage } from '@shared/audit';
import { getJson, type FetchLike } from '../../api/http';

export type { AuditEntry, AuditPage } from '@shared/audit';

/** Which page of the audit log to fetch. */
export interface AuditQuery {
  /** Only entries of this entity type; all without it. */
  entity?: string;
  /** Only entries of this user name, of this action code, and of these days (YYYY-MM-DD, Asia/Shanghai, both included). */
  user?: string;
  action?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** The URL of an audit query. */
export function auditUrl({ limit, offset, ...filters }: AuditQuery): string {
  const params = new URLSearchParams({ limit: String(limit), offset: String(offset) });
  for (const key of ['entity', 'user', 'action', 'from', 'to'] as const) if (filters[key]) params.set(key, filters[key]);
  return `/api/audit?${params}`;
}

/** `GET /api/audit` (admin only). */
export async function fetchAudit(query: AuditQuery, fetch: FetchLike, signal?: AbortSignal): Promise<AuditPage> {
  const page = await getJson<AuditPage>(auditUrl(query), { fetch, signal });
  if (!Array.isArray(page?.entries) || typeof page.total !== 'number') throw new TypeError('GET /api/audit: not an audit page');
  return page;
}
