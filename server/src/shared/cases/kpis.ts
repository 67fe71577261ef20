import { z } from 'zod';
import { dateOrInstant, type Localized } from './common';
import { COMMUNITY_CODE } from './constants';

/** Groupings of `GET /api/cases/kpis`. */
export const KPI_GROUPS = ['month', 'category', 'community', 'grid', 'department', 'inspector'] as const;
/** A KPI grouping. */
export type KpiGroupBy = (typeof KPI_GROUPS)[number];

/** Query of `GET /api/cases/kpis`. */
export const kpiQuery = z.strictObject({
  groupBy: z.enum(KPI_GROUPS).default('month'),
  /** Only the cases of one community (12-digit code). */
  community: z.string().regex(COMMUNITY_CODE).optional(),
  from: dateOrInstant.optional(),
  to: dateOrInstant.optional(),
});

/** The KPIs of one group of cases (see `computeKpis` for the formulas); rates are fractions, null when undefined. */
export interface KpiFigures {
  registered: number;
  dueToClose: number;
  closed: number;
  closedOnTime: number;
  postponedOpen: number;
  postponed: number;
  verified: number;
  reworked: number;
  closureRate: number | null;
  onTimeClosureRate: number | null;
  reworkRate: number | null;
  postponementRate: number | null;
  avgHandlingHours: number | null;
}

/** One row of `GET /api/cases/kpis`. */
export interface KpiRow extends KpiFigures {
  key: string | null;
  label: Localized;
}

/** `GET /api/cases/kpis`: the KPI table of one grouping over the cases registered in [from, to] (ISO instants, null when open). */
export interface KpiTable {
  groupBy: KpiGroupBy;
  from: string | null;
  to: string | null;
  /** Only the cases of one community, when asked. */
  community?: string;
  /** Only one department's cases (a handler's view). */
  department?: string;
  rows: KpiRow[];
  total: KpiFigures;
}
