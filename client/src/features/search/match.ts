/** How a query matches a text, best first. */
export type MatchKind = 'exact' | 'prefix' | 'word' | 'substring';

const SCORES: Readonly<Record<MatchKind, number>> = { exact: 4, prefix: 3, word: 2, substring: 1 };

/** Characters after which a word starts (for "Hongmenju Alley" ← "alley"). */
const WORD_BREAK = /[\s\-–—_·•.,，、/()（）[\]【】]/;

/** Text folded for matching: NFKC (full-width letters and digits become ASCII), lower case, single spaces, trimmed. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** How a normalised query matches a normalised text, or undefined when it does not occur in it. */
export function matchKind(text: string, query: string): MatchKind | undefined {
  if (query === '') return undefined;
  if (text === query) return 'exact';
  if (text.startsWith(query)) return 'prefix';
  let at = text.indexOf(query, 1);
  if (at < 0) return undefined;
  while (at >= 0) {
    if (WORD_BREAK.test(text[at - 1]!)) return 'word';
    at = text.indexOf(query, at + 1);
  }
  return 'substring';
}

/** A searchable text of an item: a property value, folded once for matching. */
export interface SearchField {
  /** The property it comes from. */
  key: string;
  value: string;
  /** `normalizeText(value)`. */
  normalized: string;
  /** Whether it names the item (a name in either language) rather than describing it (address, code). */
  isName: boolean;
}

/** Anything with searchable fields. */
export interface Searchable {
  fields: readonly SearchField[];
}

/** An item that matched a query, with its best field and how that field matched. */
export interface SearchHit<T extends Searchable> {
  item: T;
  field: SearchField;
  kind: MatchKind;
}

/** Orders hits: better match kind, then a name before another field, then the shorter text, then the items' own order. */
function compareHits(a: { kind: MatchKind; field: SearchField; index: number }, b: { kind: MatchKind; field: SearchField; index: number }): number {
  return SCORES[b.kind] - SCORES[a.kind]
    || Number(b.field.isName) - Number(a.field.isName)
    || a.field.value.length - b.field.value.length
    || a.index - b.index;
}

/**
 * The items matching `query` (case-insensitive substring of any field; Chinese as typed), ranked
 * exact > prefix > word start > substring, names before addresses and codes, shorter texts first;
 * at most `limit` of them, and how many matched in all.
 */
export function rankMatches<T extends Searchable>(items: readonly T[], query: string, limit = 10): { hits: SearchHit<T>[]; total: number } {
  const folded = normalizeText(query);
  if (folded === '') return { hits: [], total: 0 };
  const found: (SearchHit<T> & { index: number })[] = [];
  items.forEach((item, index) => {
    let best: (SearchHit<T> & { index: number }) | undefined;
    for (const field of item.fields) {
      const kind = matchKind(field.normalized, folded);
      if (!kind) continue;
      const hit = { item, field, kind, index };
      if (!best || compareHits(hit, best) < 0) best = hit;
    }
    if (best) found.push(best);
  });
  found.sort(compareHits);
  return { hits: found.slice(0, Math.max(0, limit)).map(({ item, field, kind }) => ({ item, field, kind })), total: found.length };
}
