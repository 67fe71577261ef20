import type { IndicatorCard, IndicatorGroup, OverviewResponse, ThresholdStatus } from '@shared/overview';
import { formatQuantity, formatQuantityText, type UnitLang } from '@shared/units';

/** Which report figures each theme shows as cards. */
export const FEATURED: Record<IndicatorGroup['group'], readonly string[]> = {
  economy: ['domestic_capital', 'foreign_capital', 'total_tax', 'local_fiscal_revenue', 'enterprises_introduced', 'high_end_enterprises'],
  ecology: ['ecological_garbage_rooms', 'garbage_sorting_households', 'solar_stairwell_lamps', 'provincial_ecological_communities'],
  renovation: ['alleys_renovated', 'courtyard_floor_area', 'courtyard_households', 'courtyard_buildings'],
  services: ['community_service_businesses', 'farm_produce_shops', 'graduates_employed', 'produce_in_community_events'],
};

/** What a card shows: title, figure and unit in the screen's language, and the line under it. */
export interface CardView {
  kpi: string;
  title: string;
  value: string;
  unit: string;
  reference: string;
  status: ThresholdStatus;
}

/** The translation function the cards need (vue-i18n's `t`). */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** A plain number in the screen's language (2 decimals at most). */
export const formatNumber = (v: number, lang: UnitLang) => v.toLocaleString(lang === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: 2 });

/** The line under a report card: the stated plan completion, else plan and computed completion, else growth, else none (the panel names the source). */
function reference(c: IndicatorCard, lang: UnitLang, t: Translate): string {
  if (c.attainmentStated && c.attainmentPct !== null) return t('overview.reference.attained', { pct: formatNumber(c.attainmentPct, lang) });
  if (c.plan !== null && c.attainmentPct !== null) return t('overview.reference.plan', { plan: formatQuantityText(c.plan, c.unit, lang), pct: formatNumber(c.attainmentPct, lang) });
  if (c.growthPct !== null && c.lastYear !== null) {
    return t('overview.reference.growth', { growth: `${c.growthPct >= 0 ? '+' : ''}${formatNumber(c.growthPct, lang)}`, last: formatQuantityText(c.lastYear, c.unit, lang) });
  }
  return '';
}

/** The featured cards of one theme, in the screen's language. */
export function reportCards(data: OverviewResponse | null | undefined, group: IndicatorGroup['group'], lang: UnitLang, t: Translate): CardView[] {
  const found = data?.indicators.find((g) => g.group === group);
  return FEATURED[group].flatMap((key) => {
    const c = found?.cards.find((card) => card.key === key);
    if (!c) return [];
    const q = formatQuantity(c.value, c.unit, lang);
    return [{ kpi: c.key, title: c.title[lang], value: q.number, unit: q.unit, reference: reference(c, lang, t), status: c.status }];
  });
}

/**
 * The note beside a theme's title: the report it comes from for the district; when a community is chosen, the
 * community's name when every card shown counts its projects, else "district-wide" (the report's figures are the district's).
 */
export function scopeNote(data: OverviewResponse | null | undefined, group: IndicatorGroup['group'], lang: UnitLang, t: Translate): string | undefined {
  if (!data) return undefined;
  if (!data.community) return t('overview.reference.none', { year: data.indicators.find((g) => g.group === group)?.year ?? '' });
  const shown = data.indicators.find((g) => g.group === group)?.cards.filter((c) => FEATURED[group].includes(c.key)) ?? [];
  if (shown.length > 0 && shown.every((c) => c.scope === 'community')) return t('overview.communityFigures', { community: data.community.name[lang] });
  return t('overview.districtWide');
}
