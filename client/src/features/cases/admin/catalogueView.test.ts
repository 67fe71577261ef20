import { describe, expect, it } from 'vitest';
import { sampleCategories, sampleCategory } from '../testing';
import { filterCatalogue, isExtensionGroup, nextFreeCode } from './catalogueView';

describe('filterCatalogue', () => {
  const all = sampleCategories();
  const codes = (groups: ReturnType<typeof filterCatalogue>) => groups.map((g) => [g.major.code, g.categories.map((c) => c.code)]);

  it('groups every category by major class, disabled ones included', () => {
    expect(codes(filterCatalogue(all, '', 'all'))).toEqual([['C01', ['C01-01', 'C01-02']], ['E01', ['E01-01', 'E01-02']], ['E04', ['E04-03', 'E04-09']]]);
  });

  it('filters by use and by a code or name query, dropping empty groups', () => {
    expect(codes(filterCatalogue(all, '', 'disabled'))).toEqual([['E04', ['E04-09']]]);
    expect(codes(filterCatalogue(all, '井盖', 'active'))).toEqual([['C01', ['C01-01', 'C01-02']]]);
    expect(codes(filterCatalogue(all, 'e0401', 'all'))).toEqual([]);
    expect(codes(filterCatalogue(all, 'street order', 'all'))).toEqual([['E04', ['E04-03', 'E04-09']]]);
  });
});

describe('nextFreeCode', () => {
  it('takes the first free minor number of the major class, as the server does', () => {
    const ext = [sampleCategory({ code: 'C07-01' }), sampleCategory({ code: 'C07-02' }), sampleCategory({ code: 'C07-04' })];
    expect(nextFreeCode(ext, 'C07')).toBe('C07-03');
    expect(nextFreeCode(ext, 'C08')).toBe('C08-01');
  });
});

describe('isExtensionGroup', () => {
  it('is true for a major class of district extensions', () => {
    expect(isExtensionGroup({ family: 'component', major: { code: 'C07', name: { zh: '扩展部件', en: 'Extensions' } }, categories: [sampleCategory({ code: 'C07-01', extension: true })] })).toBe(true);
    expect(isExtensionGroup({ family: 'component', major: { code: 'C01', name: { zh: '公用设施', en: 'Utilities' } }, categories: [sampleCategory({ code: 'C01-01' })] })).toBe(false);
  });
});
