import type { CaseCategory } from './types';

/** Names of the two families, searched like the categories' own names. */
export const FAMILY_NAMES: Record<CaseCategory['family'], { zh: string; en: string }> = {
  component: { zh: '部件', en: 'Component' },
  event: { zh: '事件', en: 'Event' },
};

/** Categories of one major class, in catalogue order. */
export interface CategoryGroup {
  family: CaseCategory['family'];
  major: CaseCategory['major'];
  categories: CaseCategory[];
}

/** Lower case without spaces, dashes or full-width spaces: `C01-03` and `c0103` compare equal. */
export function normalise(text: string): string {
  return text.toLowerCase().replace(/[\s\u3000\-_·]/g, '');
}

function haystack(c: CaseCategory): string[] {
  const family = FAMILY_NAMES[c.family];
  return [c.code, c.name.zh, c.name.en, c.major.code, c.major.name.zh, c.major.name.en, family.zh, family.en].map(normalise);
}

/**
 * How well a category matches a query: higher is better, 0 is no match. Every word of the
 * query must occur in the code or a name (zh or en, the minor class, its major class or
 * family); an exact code beats a code prefix, which beats a name that starts with the query.
 */
export function matchScore(c: CaseCategory, query: string): number {
  const words = query.split(/[\s\u3000]+/).map(normalise).filter(Boolean);
  if (words.length === 0) return 1;
  const fields = haystack(c);
  if (!words.every((w) => fields.some((f) => f.includes(w)))) return 0;
  const whole = normalise(query);
  const code = normalise(c.code);
  if (code === whole) return 100;
  if (code.startsWith(whole)) return 50;
  const names = [c.name.zh, c.name.en].map(normalise);
  if (names.some((n) => n === whole)) return 40;
  if (names.some((n) => n.startsWith(whole))) return 30;
  if (names.some((n) => words.every((w) => n.includes(w)))) return 20;
  return 10;
}

/** Active categories matching a query, best first (catalogue order among equals). */
export function searchCategories(categories: readonly CaseCategory[], query: string): CaseCategory[] {
  return categories
    .filter((c) => c.active)
    .map((c, index) => ({ c, index, score: matchScore(c, query) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((m) => m.c);
}

/** Groups categories by family and major class, keeping the order they come in. */
export function groupCategories(categories: readonly CaseCategory[]): CategoryGroup[] {
  const groups = new Map<string, CategoryGroup>();
  for (const c of categories) {
    const key = `${c.family}|${c.major.code}`;
    let group = groups.get(key);
    if (!group) {
      group = { family: c.family, major: c.major, categories: [] };
      groups.set(key, group);
    }
    group.categories.push(c);
  }
  return [...groups.values()];
}
