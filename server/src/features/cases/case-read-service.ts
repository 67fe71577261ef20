import * as turf from '@turf/turf';
import type { SessionUser } from '@shared/auth';
import {
  CASE_STATES, DEPARTMENT_NAMES, type CaseAction, type CaseCategory, type CaseDetail, type CaseList, type CaseListQuery, type CaseLocation,
  type CaseState, type CaseSummary, type Department, type DuplicatesAnswer, type KpiGroupBy, type KpiRow, type KpiTable, type QueuesAnswer,
} from '@shared/cases';
import { NotFoundError } from '../../errors';
import { localInstant, type Calendar, type WorkingTime } from '../calendar';
import { caseClock, isOverdue } from './case-clock';
import type { CaseEventRepository } from './case-event-repository';
import type { CaseLocator } from './case-location';
import type { CaseFilter, CaseRecord, CaseRepository } from './case-repository';
import { findCase } from './case-service';
import { canSee, toDetail, toSummary } from './case-view';
import type { CategoryRepository } from './category-repository';
import { computeKpis } from './kpis';
import type { PhotoService } from './photo-service';
import { nextActions } from './state-machine';

type Viewer = Pick<SessionUser, 'id' | 'role' | 'department'>;

/** What a KPI table is asked for: a grouping, local dates and optionally one community or department. */
interface KpiQueryInput {
  groupBy: KpiGroupBy;
  from?: string;
  to?: string;
  community?: string;
  department?: string;
}

/** How far back the duplicate check looks, in days. */
export const DUPLICATE_DAYS = 10;

/** A work queue: cases in some states that wait for the caller's action (of the caller's own reports only, when `reporter` is `me`). */
interface QueueDefinition {
  key: string;
  states: CaseState[];
  action: CaseAction;
  reporter?: 'me';
}

const TO_REGISTER: QueueDefinition = { key: 'to-register', states: ['reported'], action: 'register' };
const TO_VERIFY: QueueDefinition = { key: 'to-verify', states: ['feedback'], action: 'close' };
/** An inspector verifies the cases it reported (the state machine's `ownReports`). */
const TO_VERIFY_OWN: QueueDefinition = { ...TO_VERIFY, reporter: 'me' };
const TO_DISPATCH: QueueDefinition = { key: 'to-dispatch', states: ['registered'], action: 'dispatch' };
const IN_PROGRESS: QueueDefinition = { key: 'in-progress', states: ['dispatched', 'handling'], action: 'postpone' };
const TO_ACCEPT: QueueDefinition = { key: 'to-accept', states: ['dispatched'], action: 'accept' };
const TO_FEED_BACK: QueueDefinition = { key: 'to-feed-back', states: ['handling'], action: 'feedback' };

/** The queues each role works from. */
export const QUEUES: Readonly<Record<SessionUser['role'], readonly QueueDefinition[]>> = {
  supervisor: [TO_REGISTER, TO_VERIFY],
  inspector: [TO_VERIFY_OWN],
  dispatcher: [TO_DISPATCH, IN_PROGRESS],
  handler: [TO_ACCEPT, TO_FEED_BACK],
  admin: [TO_REGISTER, TO_DISPATCH, TO_ACCEPT, TO_FEED_BACK, TO_VERIFY],
  leader: [],
  planner: [],
};

/** Narrows a filter to what a viewer may see: handlers see their own department's cases only. */
function scoped(filter: CaseFilter, viewer: Viewer): CaseFilter {
  if (viewer.role !== 'handler') return filter;
  const own = viewer.department ?? '(none)';
  return { ...filter, department: filter.department && filter.department !== own ? '(none)' : own };
}

/** Reads of cases: lists, queues, the case page, duplicates, locations and KPIs. */
export function createCaseReadService(deps: { cases: CaseRepository; events: CaseEventRepository; categories: CategoryRepository; calendar: Calendar; locator: CaseLocator; photos: Pick<PhotoService, 'list'> }) {
  const { cases, events, categories, calendar, locator, photos } = deps;
  let handling: { time: WorkingTime; minutes: Map<string, number> } | undefined;

  function summarise(now: Date) {
    const { time } = calendar.load();
    const byCode = new Map(categories.list().map((c) => [c.code, c]));
    return (c: CaseRecord): CaseSummary => toSummary(c, byCode.get(c.categoryCode), caseClock(c, now, time), isOverdue(c, now));
  }

  return {
    /** A filtered page of the cases the viewer may see, newest report first. */
    list(q: CaseListQuery, viewer: Viewer, now = new Date()): CaseList {
      const { offsetMinutes } = calendar.load();
      const filter = scoped({
        states: q.state, category: q.category, community: q.community, grid: q.grid, department: q.department, text: q.q,
        overdueAt: q.overdue ? now.toISOString() : undefined,
        reporterId: q.reporter === 'me' ? viewer.id : undefined,
        reportedFrom: q.from ? localInstant(q.from, offsetMinutes) : undefined,
        reportedTo: q.to ? localInstant(q.to, offsetMinutes, true) : undefined,
      }, viewer);
      const { rows, total } = cases.list(filter, q.limit, q.offset);
      return { cases: rows.map(summarise(now)), total, limit: q.limit, offset: q.offset };
    },

    /** One case with its timeline and the viewer's next actions; 404 when the viewer may not see it. */
    detail(ref: string, viewer: Viewer, now = new Date()): CaseDetail {
      const c = findCase(cases, ref);
      if (!c || !canSee(viewer, c)) throw new NotFoundError(`case "${ref}" does not exist`);
      return toDetail(summarise(now)(c), c, { events: events.list(c.id), nextActions: nextActions(c, viewer), photos: photos.list(c.id), viewer });
    },

    /** Counts per state of the cases the viewer may see, and of the viewer's work queues. */
    queues(viewer: Viewer, now = new Date()): QueuesAnswer {
      const base = scoped({}, viewer);
      const found = cases.countByState(base);
      const counts = Object.fromEntries(CASE_STATES.map((s) => [s, found[s] ?? 0])) as Record<CaseState, number>;
      return {
        counts,
        overdue: cases.count({ ...base, overdueAt: now.toISOString() }),
        queues: QUEUES[viewer.role].map((q) => {
          const mine = q.reporter === 'me' ? { reporterId: viewer.id } : {};
          return {
            key: q.key, states: q.states, action: q.action, ...(q.reporter ? { reporter: q.reporter } : {}),
            count: q.reporter ? cases.count({ ...base, ...mine, states: q.states }) : q.states.reduce((n, s) => n + counts[s], 0),
            overdue: cases.count({ ...base, ...mine, states: q.states, overdueAt: now.toISOString() }),
          };
        }),
      };
    },

    /** Open cases of a category within its duplicate radius reported in the last ten days, nearest first. */
    duplicates(code: string, lon: number, lat: number, viewer: Viewer, now = new Date()): DuplicatesAnswer {
      const category = categories.get(code);
      if (!category) throw new NotFoundError(`category "${code}" does not exist`);
      const r = category.duplicateRadiusM;
      const dLat = r / 111_320;
      const dLon = r / (111_320 * Math.cos((lat * Math.PI) / 180));
      const since = new Date(now.getTime() - DUPLICATE_DAYS * 86_400_000).toISOString();
      const summary = summarise(now);
      const found = cases.openNear(code, since, [lon - dLon, lat - dLat, lon + dLon, lat + dLat])
        .filter((c) => canSee(viewer, c))
        .map((c) => ({ c, distanceM: Math.round(turf.distance([lon, lat], [c.lon, c.lat], { units: 'meters' }) * 10) / 10 }))
        .filter((d) => d.distanceM <= r)
        .sort((a, b) => a.distanceM - b.distanceM);
      return { radiusM: r, days: DUPLICATE_DAYS, cases: found.map((d) => ({ ...summary(d.c), distanceM: d.distanceM })) };
    },

    /** The community, grid and nearest street of a point. */
    locate: (lon: number, lat: number): CaseLocation => locator.locate(lon, lat),

    /**
     * The KPIs (see `kpiFigures`) of the cases registered in [from, to] (of one community, when given), grouped.
     * Dates are local days. A handler gets the figures of its own department's cases only.
     */
    kpis(q: Omit<KpiQueryInput, 'department'>, viewer: Viewer): KpiTable {
      const own = viewer.role === 'handler' ? { department: viewer.department ?? '(none)' } : {};
      return kpiTables([q.groupBy], { ...q, ...own })[0]!;
    },

    /** `kpis` for several groupings at once, over one read of the cases. */
    kpiTables,
  };

  /** Working minutes between two instants, remembered for as long as the calendar stays the same (closed cases' spans never change). */
  function workingMinutes(time: WorkingTime): (from: string, to: string) => number {
    if (handling?.time !== time || handling.minutes.size > 1_000_000) handling = { time, minutes: new Map() };
    const memo = handling.minutes;
    return (a, b) => {
      const key = `${a}|${b}`;
      let m = memo.get(key);
      if (m === undefined) memo.set(key, (m = time.workingElapsed(a, b)));
      return m;
    };
  }

  function kpiTables(groupBys: readonly KpiGroupBy[], q: Omit<KpiQueryInput, 'groupBy'>): KpiTable[] {
    const { time, offsetMinutes } = calendar.load();
    const from = q.from ? localInstant(q.from, offsetMinutes) : null;
    const to = q.to ? localInstant(q.to, offsetMinutes, true) : null;
    const registered = cases.kpiCases(from, to, q.community ?? null);
    const rows = q.department === undefined ? registered : registered.filter((c) => c.department === q.department);
    const byCode = new Map(categories.list().map((c): [string, CaseCategory] => [c.code, c]));
    const minutes = workingMinutes(time);
    return groupBys.map((groupBy) => {
      const labelOf = (key: string | null, sample: (typeof rows)[number]): KpiRow['label'] => {
        if (key === null) return { zh: '未指定', en: 'None' };
        switch (groupBy) {
          case 'category': return byCode.get(key)?.name ?? { zh: key, en: key };
          case 'community': return { zh: sample.communityName ?? key, en: sample.communityName ?? key };
          case 'department': return DEPARTMENT_NAMES[key as Department] ?? { zh: key, en: key };
          case 'inspector': return { zh: sample.reporterName ?? key, en: sample.reporterName ?? key };
          default: return { zh: key, en: key };
        }
      };
      const { groups, total } = computeKpis(rows, groupBy, minutes, offsetMinutes);
      return {
        groupBy, from, to, ...(q.community ? { community: q.community } : {}), ...(q.department === undefined ? {} : { department: q.department }),
        rows: groups.map((g): KpiRow => ({ key: g.key, label: labelOf(g.key, g.cases[0]!), ...g.figures })),
        total,
      };
    });
  }
}

/** The case read service's interface. */
export type CaseReadService = ReturnType<typeof createCaseReadService>;
