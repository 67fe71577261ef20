import { z } from 'zod';
import { COMMUNITY_CODE } from './cases/constants';
import type { CaseState } from './cases';

/** Who may open the leaders' overview screen and its data (declared with the other role groups). */
export { OVERVIEW_ROLES } from './roles';

/** Query of `GET /api/overview`: the district, or one community by its 12-digit division code. */
export const overviewQuery = z.strictObject({
  community: z.string().regex(COMMUNITY_CODE, 'a 12-digit community code').optional(),
});

/** Zh/en text. */
export interface Localized {
  zh: string;
  en: string;
}

/** How a figure stands against its threshold: good (green), warn (amber), bad (red), or no threshold. */
export type ThresholdStatus = 'good' | 'warn' | 'bad' | 'none';

/** A report figure as a card: its value against a plan or last year's. */
export interface IndicatorCard {
  key: string;
  title: Localized;
  value: number;
  unit: string;
  /** The plan, when the data has one; `attainmentPct` is the report's stated percentage, else value ÷ plan. */
  plan: number | null;
  attainmentPct: number | null;
  /** True when `attainmentPct` is the figure the report states (the plan is then derived from it, not stated). */
  attainmentStated: boolean;
  /** Growth on last year in %, and last year's value derived from it. */
  growthPct: number | null;
  lastYear: number | null;
  status: ThresholdStatus;
  /** Whether the figure is the whole district's or the drilled-into community's (counted from the layers). */
  scope: 'district' | 'community';
}

/** The report's figures of one theme. */
export interface IndicatorGroup {
  group: 'economy' | 'ecology' | 'renovation' | 'services';
  year: number;
  cards: IndicatorCard[];
}

/** The live city-management KPIs of the district or of one community. */
export interface CaseKpiCards {
  registered: number;
  closed: number;
  closureRate: number | null;
  onTimeClosureRate: number | null;
  reworkRate: number | null;
  overdueNow: number;
  status: { closureRate: ThresholdStatus; onTimeClosureRate: ThresholdStatus; reworkRate: ThresholdStatus; overdueNow: ThresholdStatus };
}

/** One bar or point of a chart series. */
export interface SeriesPoint {
  key: string;
  label: Localized;
  value: number;
}

/** A renovation project (alley or courtyard building) and its progress. */
export interface RenovationItem {
  layerId: 'alley-renovations' | 'courtyard-buildings';
  name: Localized;
  status: string;
  progressPct: number;
  /** Households and floor area of a courtyard building, when the data has them. */
  households: number | null;
  floorAreaM2: number | null;
  community: string | null;
  lon: number;
  lat: number;
}

/** A community: its code, name, centre and extent (for the tour and the breadcrumb). */
export interface OverviewCommunity {
  code: string;
  name: Localized;
  center: [number, number];
  bbox: [number, number, number, number];
}

/** A case in the ticker: public fields only. */
export interface TickerCase {
  id: number;
  number: string;
  category: Localized;
  state: CaseState;
  /** The case's community in both languages (the community layer's `name_en`), or null. */
  community: Localized | null;
  reportedAt: string;
}

/** `GET /api/overview`: everything the overview screen shows, computed in one go. */
export interface OverviewResponse {
  generatedAt: string;
  /** The community the figures are filtered to, or null for the district. */
  community: OverviewCommunity | null;
  communities: OverviewCommunity[];
  indicators: IndicatorGroup[];
  cases: CaseKpiCards;
  series: {
    byMonth: SeriesPoint[];
    topCategories: SeriesPoint[];
    /** Registered cases per community, most first (always the whole district, so another can be picked). */
    byCommunity: SeriesPoint[];
    /** On-time closure rate per department, as a percentage. */
    onTimeByDepartment: SeriesPoint[];
    renovation: RenovationItem[];
  };
  latest: TickerCase[];
}
