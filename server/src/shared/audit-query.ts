import { z } from 'zod';

/** A calendar day, YYYY-MM-DD, that exists (2000–2100). */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD').refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2100;
}, 'a real date between 2000 and 2100');

/** The filters of `GET /api/audit` (paging is added by the router): entity type, user name, action, and a range of days. */
export const auditFilters = z.strictObject({
  entity: z.string().max(100).optional(),
  user: z.string().trim().min(1).max(64).optional(),
  action: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'an action code such as login_failed').optional(),
  from: day.optional(),
  to: day.optional(),
});

/** True unless a range's first day is after its last (for `.refine` on a query built from `auditFilters`). */
export const datesInOrder = (q: { from?: string; to?: string }): boolean => !q.from || !q.to || q.from <= q.to;

/** The audit filters a client sends. */
export type AuditQueryFilters = z.infer<typeof auditFilters>;

/** The instant a day (YYYY-MM-DD) starts in Asia/Shanghai (UTC+8, no daylight saving), `plusDays` later, as ISO UTC. */
export function shanghaiDayStart(day: string, plusDays = 0): string {
  const start = new Date(`${day}T00:00:00+08:00`);
  return new Date(start.getTime() + plusDays * 86_400_000).toISOString();
}
