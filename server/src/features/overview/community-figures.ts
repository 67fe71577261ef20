import type { IndicatorCard, RenovationItem } from '@shared/overview';

type Counter = (items: RenovationItem[]) => number | null;

const sum = (values: (number | null)[]): number | null => (values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + v!, 0));
const ofKind = (items: RenovationItem[], layerId: RenovationItem['layerId']) => items.filter((i) => i.layerId === layerId);

/**
 * The report figures the renovation layers can count for one community, by indicator key: each layer holds every
 * project the report counts (3 alleys; 15 buildings, 38,600 m², 890 households), so a community's share is a count
 * or a sum over its projects. A sum is null when one of its projects lacks the property.
 */
const COUNTERS: Record<string, Counter> = {
  alleys_renovated: (items) => ofKind(items, 'alley-renovations').length,
  courtyard_buildings: (items) => ofKind(items, 'courtyard-buildings').length,
  courtyard_floor_area: (items) => sum(ofKind(items, 'courtyard-buildings').map((i) => i.floorAreaM2)),
  courtyard_households: (items) => sum(ofKind(items, 'courtyard-buildings').map((i) => i.households)),
};

/**
 * A district card as the drilled-into community's figure when the layers can count it (`scope: 'community'`,
 * no plan or growth: the report states those for the district only); otherwise the district card unchanged.
 */
export function forCommunity(card: IndicatorCard, projects: RenovationItem[]): IndicatorCard {
  const value = COUNTERS[card.key]?.(projects) ?? null;
  if (value === null) return card;
  return { ...card, value, plan: null, attainmentPct: null, attainmentStated: false, growthPct: null, lastYear: null, status: 'none', scope: 'community' };
}
