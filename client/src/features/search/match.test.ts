import { describe, expect, it } from 'vitest';
import { matchKind, normalizeText, rankMatches, type SearchField } from './match';

function field(value: string, key = 'name', isName = true): SearchField {
  return { key, value, normalized: normalizeText(value), isName };
}

/** An item called `name`, with more fields if given. */
function item(name: string, ...more: SearchField[]) {
  return { name, fields: [field(name), ...more] };
}

function ranked(items: ReturnType<typeof item>[], query: string, limit?: number): string[] {
  return rankMatches(items, query, limit).hits.map((hit) => hit.item.name);
}

describe('normalizeText', () => {
  it('folds case, full-width letters and digits, and runs of spaces', () => {
    expect(normalizeText('  Ｈｏｎｇｍｅｎｊｕ   Alley ')).toBe('hongmenju alley');
    expect(normalizeText('红门局６号')).toBe('红门局6号');
  });
});

describe('matchKind', () => {
  it('tells exact, prefix, word-start and substring matches apart', () => {
    expect(matchKind('红门局', '红门局')).toBe('exact');
    expect(matchKind('红门局6号1幢', '红门局')).toBe('prefix');
    expect(matchKind('hongmenju alley', 'alley')).toBe('word');
    expect(matchKind('building 1, 6 hongmenju', 'hongmenju')).toBe('word');
    expect(matchKind('太阳能楼道灯 红门局', '楼道')).toBe('substring');
    expect(matchKind('yangbatou alley', 'batou')).toBe('substring');
    expect(matchKind('清波门社区', '红门局')).toBeUndefined();
    expect(matchKind('清波门社区', '')).toBeUndefined();
  });

  it('finds a word start after an earlier plain occurrence', () => {
    expect(matchKind('alleyway alley', 'alley')).toBe('prefix');
    expect(matchKind('xalley alley', 'alley')).toBe('word');
  });
});

describe('rankMatches', () => {
  const items = [
    item('红门局6号1幢太阳能楼道灯1'),
    item('红门局生态垃圾房', field('红门局10号旁', 'address', false)),
    item('红门局6号1幢', field('红门局6号', 'address', false)),
    item('红门局', field('Hongmenju Alley', 'name_en')),
    item('清波门社区', field('Qingbomen Community', 'name_en'), field('QBM', 'code', false)),
    item('定安路社区', field('定安路与红门局交叉口', 'office_address', false)),
  ];

  it('puts the exact name first, then prefixes (shorter first), then substrings', () => {
    expect(ranked(items, '红门局')).toEqual(['红门局', '红门局6号1幢', '红门局生态垃圾房', '红门局6号1幢太阳能楼道灯1', '定安路社区']);
  });

  it('matches English names whatever the case, and ranks a word start above a substring', () => {
    expect(ranked(items, 'ALLEY')).toEqual(['红门局']);
    expect(ranked([item('Xiaoalley'), item('Back Alley Shop')], 'alley')).toEqual(['Back Alley Shop', 'Xiaoalley']);
  });

  it('ranks a name above an address that matches as well, and finds codes', () => {
    const hits = rankMatches(items, '红门局6号').hits;
    expect(hits.map((hit) => [hit.item.name, hit.field.key, hit.kind])).toEqual([
      ['红门局6号1幢', 'address', 'exact'], ['红门局6号1幢太阳能楼道灯1', 'name', 'prefix'],
    ]);
    expect(ranked(items, 'qbm')).toEqual(['清波门社区']);
  });

  it('keeps at most `limit` hits and counts them all', () => {
    const many = Array.from({ length: 25 }, (_, i) => item(`网格 ${i + 1}`));
    const { hits, total } = rankMatches(many, '网格', 10);
    expect(total).toBe(25);
    expect(hits.map((hit) => hit.item.name)).toEqual(['网格 1', '网格 2', '网格 3', '网格 4', '网格 5', '网格 6', '网格 7', '网格 8', '网格 9', '网格 10']);
  });

  it('finds nothing for an empty or blank query, or a text that is nowhere', () => {
    expect(rankMatches(items, '   ')).toEqual({ hits: [], total: 0 });
    expect(ranked(items, '西湖')).toEqual([]);
  });
});
