import { normaliseAddress, streetPart } from './normalise';

/** One name or address of a feature, with the point that stands for it. */
export interface GazetteerEntry {
  /** The name or address as normalised for matching. */
  key: string;
  /** The name or address as written in the layer. */
  label: string;
  layerId: string;
  featureId: number;
  /** Point features rank above polygons, polygons above lines, when keys tie. */
  rank: number;
  lon: number;
  lat: number;
}

/** How an address matched: the whole key; a key the address starts with or that starts with it; its street; a key inside it or it inside a key. */
export type MatchKind = 'exact' | 'prefix' | 'street' | 'contains';

/** A geocoded address. */
export interface GazetteerMatch {
  entry: GazetteerEntry;
  match: MatchKind;
}

/** The shortest normalised text that is matched other than exactly (one character matches far too much). */
const MIN_PARTIAL = 2;

/** Better first: the longer shared text, then the key closer in length to the address, then points before polygons before lines, then the older feature. */
function better(query: string) {
  return (a: GazetteerEntry, b: GazetteerEntry) =>
    Math.min(b.key.length, query.length) - Math.min(a.key.length, query.length)
    || Math.abs(a.key.length - query.length) - Math.abs(b.key.length - query.length)
    || a.rank - b.rank
    || a.layerId.localeCompare(b.layerId)
    || a.featureId - b.featureId;
}

function best(entries: readonly GazetteerEntry[], query: string, accepts: (e: GazetteerEntry) => boolean): GazetteerEntry | undefined {
  let found: GazetteerEntry | undefined;
  const order = better(query);
  for (const e of entries) if (accepts(e) && (!found || order(e, found) < 0)) found = e;
  return found;
}

/**
 * Finds the place an address names: an exact key beats a prefix (`南山路99号` → 南山路; `清波门` →
 * 清波门社区), which beats the address's street (`蔡官巷99号` → a building on 蔡官巷), which beats
 * a key contained in the address or containing it. Undefined when nothing matches.
 */
export function matchAddress(entries: readonly GazetteerEntry[], address: string): GazetteerMatch | undefined {
  const q = normaliseAddress(address);
  if (!q) return undefined;
  const exact = best(entries, q, (e) => e.key === q);
  if (exact) return { entry: exact, match: 'exact' };
  if (q.length < MIN_PARTIAL) return undefined;
  const partial = (e: GazetteerEntry) => e.key.length >= MIN_PARTIAL;
  const prefix = best(entries, q, (e) => partial(e) && (q.startsWith(e.key) || e.key.startsWith(q)));
  if (prefix) return { entry: prefix, match: 'prefix' };
  const street = streetPart(q);
  if (street !== q && street.length >= MIN_PARTIAL) {
    const onStreet = best(entries, street, (e) => e.key.startsWith(street));
    if (onStreet) return { entry: onStreet, match: 'street' };
  }
  const contains = best(entries, q, (e) => partial(e) && (q.includes(e.key) || e.key.includes(q)));
  return contains ? { entry: contains, match: 'contains' } : undefined;
}
