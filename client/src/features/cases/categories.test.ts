import { describe, expect, it } from 'vitest';
import { groupCategories, matchScore, normalise, searchCategories } from './categories';
import { sampleCategories } from './testing';

const codes = (list: { code: string }[]) => list.map((c) => c.code);

describe('category search', () => {
  const catalogue = sampleCategories();

  it('treats codes with or without dash and case alike', () => {
    expect(normalise(' C01-03 ')).toBe('c0103');
    expect(codes(searchCategories(catalogue, 'c0102'))).toEqual(['C01-02']);
    expect(codes(searchCategories(catalogue, 'C01-02'))).toEqual(['C01-02']);
  });

  it('finds categories by Chinese or English name, major class or family', () => {
    expect(codes(searchCategories(catalogue, '井盖'))).toEqual(['C01-01', 'C01-02']);
    expect(codes(searchCategories(catalogue, 'manhole'))).toEqual(['C01-01', 'C01-02']);
    expect(codes(searchCategories(catalogue, '市容环境'))).toEqual(['E01-01', 'E01-02']);
    expect(codes(searchCategories(catalogue, 'event'))).toEqual(['E01-01', 'E01-02', 'E04-03']);
  });

  it('needs every word of the query and ranks an exact code first, then code prefixes, then names', () => {
    expect(codes(searchCategories(catalogue, '公用 污水'))).toEqual(['C01-02']);
    expect(codes(searchCategories(catalogue, 'E01'))).toEqual(['E01-01', 'E01-02']);
    const rubbish = catalogue.find((c) => c.code === 'E01-02')!;
    expect(matchScore(rubbish, 'E01-02')).toBeGreaterThan(matchScore(rubbish, 'E01'));
    expect(matchScore(rubbish, 'E01')).toBeGreaterThan(matchScore(rubbish, '暴露垃圾'));
    expect(matchScore(rubbish, '暴露垃圾')).toBeGreaterThan(matchScore(rubbish, '市容'));
    expect(searchCategories(catalogue, 'no such thing')).toEqual([]);
  });

  it('lists every active category for an empty query, leaving inactive ones out', () => {
    expect(codes(searchCategories(catalogue, '  '))).toEqual(['C01-01', 'C01-02', 'E01-01', 'E01-02', 'E04-03']);
  });

  it('groups by family and major class in the order given', () => {
    const groups = groupCategories(searchCategories(catalogue, ''));
    expect(groups.map((g) => `${g.family}/${g.major.code}:${codes(g.categories).join(',')}`)).toEqual([
      'component/C01:C01-01,C01-02', 'event/E01:E01-01,E01-02', 'event/E04:E04-03',
    ]);
  });
});
