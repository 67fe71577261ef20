import type { CaseState, KpiFigures, KpiGroupBy } from '@shared/cases';

/** The case fields the KPIs read. */
export interface KpiCase {
  state: CaseState;
  categoryCode: string;
  communityCode: string | null;
  gridCode: string | null;
  department: string | null;
  reporterId: number | null;
  registeredAt: string | null;
  dispatchedAt: string | null;
  feedbackAt: string | null;
  deadline: string | null;
  postponed: boolean;
  reworkCount: number;
}

const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);

/**
 * The evaluation KPIs of digital city management (CJ/T 292, GB/T 30428 series) over one set
 * of registered cases (a case belongs to the period and group of its registration):
 *
 * - registered (立案数): the cases.
 * - dueToClose (应结案数): registered cases not voided.
 * - closed (结案数): due cases that are closed.
 * - postponedOpen (缓办数): due cases postponed and not closed yet.
 * - closureRate (结案率) = closed ÷ (dueToClose − postponedOpen).
 * - closedOnTime (按期结案数): closed cases whose last feedback came by their deadline
 *   (the handling clock stops at feedback; verification time is not the department's).
 * - onTimeClosureRate (按期结案率) = closedOnTime ÷ (dueToClose − postponedOpen).
 * - verified: cases verified at least once (closed, or sent back at least once).
 * - reworked: cases sent back at verification at least once.
 * - reworkRate (返工率) = reworked ÷ verified.
 * - postponed: due cases ever postponed; postponementRate (延期率) = postponed ÷ dueToClose.
 * - avgHandlingHours: mean working hours from dispatch to last feedback over closed cases.
 *
 * `workingMinutes(from, to)` measures working time (see working-time.ts).
 */
export function kpiFigures(cases: readonly KpiCase[], workingMinutes: (from: string, to: string) => number): KpiFigures {
  let due = 0, closed = 0, closedOnTime = 0, postponedOpen = 0, verified = 0, reworked = 0, postponed = 0, timed = 0, hours = 0;
  for (const c of cases) {
    if (c.state === 'void') continue;
    due += 1;
    const isClosed = c.state === 'closed';
    if (c.postponed) {
      postponed += 1;
      if (!isClosed) postponedOpen += 1;
    }
    if (c.reworkCount > 0) reworked += 1;
    if (isClosed || c.reworkCount > 0) verified += 1;
    if (!isClosed) continue;
    closed += 1;
    if (c.feedbackAt !== null && c.deadline !== null && Date.parse(c.feedbackAt) <= Date.parse(c.deadline)) closedOnTime += 1;
    if (c.dispatchedAt !== null && c.feedbackAt !== null) {
      timed += 1;
      hours += workingMinutes(c.dispatchedAt, c.feedbackAt) / 60;
    }
  }
  const base = due - postponedOpen;
  return {
    registered: cases.length,
    dueToClose: due,
    closed,
    closedOnTime,
    postponedOpen,
    postponed,
    verified,
    reworked,
    closureRate: rate(closed, base),
    onTimeClosureRate: rate(closedOnTime, base),
    reworkRate: rate(reworked, verified),
    postponementRate: rate(postponed, due),
    avgHandlingHours: timed ? Math.round((hours / timed) * 100) / 100 : null,
  };
}

/** The group a case falls in: its local registration month (`2011-03`), category, community, grid, department or reporter id. */
export function kpiKey(c: KpiCase, groupBy: KpiGroupBy, utcOffsetMinutes: number): string | null {
  switch (groupBy) {
    case 'month': return c.registeredAt ? new Date(Date.parse(c.registeredAt) + utcOffsetMinutes * 60_000).toISOString().slice(0, 7) : null;
    case 'category': return c.categoryCode;
    case 'community': return c.communityCode;
    case 'grid': return c.gridCode;
    case 'department': return c.department;
    case 'inspector': return c.reporterId === null ? null : String(c.reporterId);
  }
}

/** The KPIs per group (sorted by key, the null group last) and over all cases. */
export function computeKpis<T extends KpiCase>(cases: readonly T[], groupBy: KpiGroupBy, workingMinutes: (from: string, to: string) => number, utcOffsetMinutes: number): { groups: { key: string | null; cases: T[]; figures: KpiFigures }[]; total: KpiFigures } {
  const groups = new Map<string | null, T[]>();
  for (const c of cases) {
    const key = kpiKey(c, groupBy, utcOffsetMinutes);
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  return {
    groups: keys.map((key) => ({ key, cases: groups.get(key)!, figures: kpiFigures(groups.get(key)!, workingMinutes) })),
    total: kpiFigures(cases, workingMinutes),
  };
}
