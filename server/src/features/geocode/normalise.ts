/** Administrative prefixes a writer may put before a street address in the district, longer before shorter; dropped before matching. */
const ADMIN_PREFIXES = ['中国', '浙江省', '浙江', '杭州市', '杭州', '上城区', '清波街道办事处', '清波街道'];

/** Variant characters of house-number and lane words, and their usual form. */
const VARIANTS: Record<string, string> = { 號: '号', 衖: '弄', 衕: '同', 巿: '市' };

/**
 * An address or place name in the form the gazetteer compares: full-width characters as
 * half-width (NFKC: `１２号` → `12号`), lower case, variant characters (`號`, `衖`) in their
 * usual form, `#` after a number read as `号`, white space and punctuation dropped, and
 * leading administrative prefixes (`杭州市上城区清波街道…`) removed.
 */
export function normaliseAddress(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  s = s.replace(/[號衖衕巿]/g, (c) => VARIANTS[c]!);
  s = s.replace(/(\d)\s*#/g, '$1号');
  s = s.replace(/[\s\p{P}\p{S}]+/gu, '');
  for (;;) {
    const prefix = ADMIN_PREFIXES.find((p) => s.startsWith(p));
    if (prefix === undefined || prefix === s) return s;
    s = s.slice(prefix.length);
  }
}

/** The street part of a normalised address: everything before its first house number (`蔡官巷99号` → `蔡官巷`). */
export function streetPart(normalised: string): string {
  const at = normalised.search(/\d/);
  return at > 0 ? normalised.slice(0, at) : normalised;
}
