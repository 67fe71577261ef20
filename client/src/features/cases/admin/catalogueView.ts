import { groupCategories, matchScore, type CategoryGroup } from '../categories';
import type { CaseCategory } from '../types';

/** Which categories the admin list shows by use. */
export type CategoryShow = 'all' | 'active' | 'disabled';

/** The categories matching a query and a use filter, in catalogue order, grouped by family and major class. */
export function filterCatalogue(categories: readonly CaseCategory[], query: string, show: CategoryShow): CategoryGroup[] {
  const wanted = categories.filter((c) => (show === 'all' || c.active === (show === 'active')) && matchScore(c, query) > 0);
  return groupCategories(wanted);
}

/** The code the server gives a new minor class of a major class when none is chosen (the first free number). */
export function nextFreeCode(categories: readonly CaseCategory[], majorCode: string): string {
  const taken = new Set(categories.filter((c) => c.major.code === majorCode).map((c) => c.code));
  for (let n = 1; n <= 99; n++) {
    const code = `${majorCode}-${String(n).padStart(2, '0')}`;
    if (!taken.has(code)) return code;
  }
  return '';
}

/** Extension major classes: the ones new district categories may join. */
export function isExtensionGroup(group: CategoryGroup): boolean {
  return group.categories.some((c) => c.extension);
}
