import { caseListQuery, type KpiRow } from '@shared/cases';
import type { Indicator } from '@shared/indicators';
import type { CaseKpiCards, IndicatorCard, IndicatorGroup, OverviewResponse, RenovationItem, SeriesPoint, TickerCase } from '@shared/overview';
import { BadRequestError } from '../../errors';
import type { CaseReadService } from '../cases';
import type { IndicatorRepository } from '../indicators';
import type { FeatureRepository } from '../layers';
import { forCommunity } from './community-figures';
import { readPlaces } from './places';
import { growthStatus, overdueStatus, planStatus, rateStatus } from './thresholds';

/** The report themes the screen shows as cards, in order. */
const CARD_GROUPS: readonly IndicatorGroup['group'][] = ['economy', 'ecology', 'renovation', 'services'];
/** How many categories the category chart ranks. */
const TOP_CATEGORIES = 10;
/** How many cases the ticker lists. */
const TICKER_SIZE = 10;

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

function toCard(i: Indicator): IndicatorCard {
  const plan = i.plan ?? null;
  const growthPct = i.growth_pct ?? null;
  const stated = i.attainment_pct ?? null;
  const attainmentPct = stated ?? (plan ? round((i.value / plan) * 100) : null);
  return {
    key: i.key, title: i.title, value: i.value, unit: i.unit, plan, attainmentPct, attainmentStated: stated !== null, growthPct,
    lastYear: growthPct === null ? null : round(i.value / (1 + growthPct / 100)),
    status: attainmentPct !== null ? planStatus(attainmentPct) : growthStatus(growthPct),
    scope: 'district',
  };
}

/** The report's cards of the latest year, by theme; with `projects` (a community's), the renovation cards it can count are the community's. */
function indicatorGroups(all: Indicator[], projects?: RenovationItem[]): IndicatorGroup[] {
  const year = all.reduce((y, i) => Math.max(y, i.year), 0);
  return CARD_GROUPS.map((group) => ({
    group, year,
    cards: all.filter((i) => i.year === year && i.group === group).map(toCard).map((c) => (projects && group === 'renovation' ? forCommunity(c, projects) : c)),
  }));
}

const point = (r: KpiRow, value: number): SeriesPoint => ({ key: r.key ?? '', label: r.label, value });

/** Composes the overview screen's data from the case KPIs, the report's indicators and the renovation and community layers. */
export function createOverviewService(deps: { cases: CaseReadService; indicators: IndicatorRepository; features: FeatureRepository }) {
  const { cases, indicators, features } = deps;
  const everyone = { id: 0, role: 'leader' as const, department: null };

  return {
    /** Everything `/api/overview` answers, for the district or one community (400 when it is unknown). */
    overview(q: { community?: string }, now = new Date()): OverviewResponse {
      const places = readPlaces(features);
      const community = q.community ? places.communities.find((c) => c.code === q.community) : undefined;
      if (q.community && !community) throw new BadRequestError(`community "${q.community}" does not exist`, [{ field: 'community', message: 'unknown community code' }]);

      const tables = cases.kpiTables(q.community ? ['month', 'category', 'department'] : ['month', 'category', 'department', 'community'], { community: q.community });
      const [byMonth, byCategory, byDepartment] = tables;
      const byCommunity = q.community ? cases.kpiTables(['community'], {})[0] : tables[3];
      const total = byMonth!.total;
      const overdueNow = cases.list(caseListQuery.parse({ community: q.community, overdue: 'true', limit: 1 }), everyone, now).total;
      const names = new Map(places.communities.map((c) => [c.code, c.name]));
      const latest = cases.list(caseListQuery.parse({ community: q.community, limit: TICKER_SIZE }), everyone, now).cases.map((c): TickerCase => ({
        id: c.id, number: c.number, category: c.category.name, state: c.state, community: c.community ? names.get(c.community.code) ?? { zh: c.community.name, en: c.community.name } : null, reportedAt: c.reportedAt,
      }));
      const kpis: CaseKpiCards = {
        registered: total.registered, closed: total.closed, closureRate: total.closureRate, onTimeClosureRate: total.onTimeClosureRate,
        reworkRate: total.reworkRate, overdueNow,
        status: {
          closureRate: rateStatus('closureRate', total.closureRate),
          onTimeClosureRate: rateStatus('onTimeClosureRate', total.onTimeClosureRate),
          reworkRate: rateStatus('reworkRate', total.reworkRate),
          overdueNow: overdueStatus(overdueNow),
        },
      };
      const renovation = places.renovation.filter((r) => !q.community || r.community === q.community);
      return {
        generatedAt: now.toISOString(),
        community: community ?? null,
        communities: places.communities,
        indicators: indicatorGroups(indicators.list(), q.community ? renovation : undefined),
        cases: kpis,
        series: {
          byMonth: byMonth!.rows.filter((r) => r.key !== null).map((r) => point(r, r.registered)),
          topCategories: [...byCategory!.rows].sort((a, b) => b.registered - a.registered).slice(0, TOP_CATEGORIES).map((r) => point(r, r.registered)),
          byCommunity: byCommunity!.rows.filter((r) => r.key !== null).sort((a, b) => b.registered - a.registered)
            .map((r) => ({ ...point(r, r.registered), label: names.get(r.key!) ?? r.label })),
          onTimeByDepartment: byDepartment!.rows.filter((r) => r.key !== null && r.onTimeClosureRate !== null).map((r) => point(r, round(r.onTimeClosureRate! * 100, 1))),
          renovation,
        },
        latest,
      };
    },
  };
}

/** The overview service's interface. */
export type OverviewService = ReturnType<typeof createOverviewService>;
