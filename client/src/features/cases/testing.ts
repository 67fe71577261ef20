import type { CaseCategory, CaseClock, CaseSummary } from './types';

/** A catalogue entry for tests. */
export function sampleCategory(overrides: Partial<CaseCategory> & Pick<CaseCategory, 'code'>): CaseCategory {
  return {
    family: overrides.code.startsWith('C') ? 'component' : 'event',
    major: { code: overrides.code.slice(0, 3), name: { zh: '其他', en: 'Other' } },
    name: { zh: overrides.code, en: overrides.code },
    timeLimit: { value: 4, unit: 'wh' },
    department: 'sanitation',
    duplicateRadiusM: 50,
    extension: false,
    active: true,
    demo: true,
    version: 1,
    ...overrides,
  };
}

/** A small catalogue: two components, three events and an inactive one. */
export function sampleCategories(): CaseCategory[] {
  const utilities = { code: 'C01', name: { zh: '公用设施', en: 'Public utilities' } };
  const appearance = { code: 'E01', name: { zh: '市容环境', en: 'City appearance' } };
  const order = { code: 'E04', name: { zh: '街面秩序', en: 'Street order' } };
  return [
    sampleCategory({ code: 'C01-01', major: utilities, name: { zh: '上水井盖', en: 'Water-supply manhole cover' }, department: 'municipal' }),
    sampleCategory({ code: 'C01-02', major: utilities, name: { zh: '污水井盖', en: 'Sewer manhole cover' }, department: 'municipal' }),
    sampleCategory({ code: 'E01-01', major: appearance, name: { zh: '私搭乱建', en: 'Illegal structure' }, department: 'enforcement' }),
    sampleCategory({ code: 'E01-02', major: appearance, name: { zh: '暴露垃圾', en: 'Exposed rubbish' } }),
    sampleCategory({ code: 'E04-03', major: order, name: { zh: '违章停车', en: 'Illegal parking' }, department: 'enforcement' }),
    sampleCategory({ code: 'E04-09', major: order, name: { zh: '停用类别', en: 'Retired category' }, active: false }),
  ];
}

/** A running clock: `elapsed` of `limit` working minutes, due at `deadline`. */
export function sampleClock(elapsedMinutes: number, limitMinutes: number, deadline = '2011-06-01T10:00:00.000Z', running = true): CaseClock {
  return { colour: 'green', elapsedMinutes, limitMinutes, deadline, running };
}

/** A case as lists show it. */
export function sampleCase(overrides: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: 1, number: 'QB2011-000001', category: { code: 'E01-02', name: { zh: '暴露垃圾', en: 'Exposed rubbish' } }, state: 'reported',
    department: null, lon: 120.165, lat: 30.245, address: '中山中路', community: { code: '330102001057', name: '柳翠井巷社区' },
    grid: '330102001057021', description: '路边垃圾', channel: 'inspector', reportedAt: '2011-06-01T08:00:00.000Z', deadline: null,
    clock: null, overdue: false, postponed: false, reworkCount: 0, duplicateOf: null, demo: false, version: 1, ...overrides,
  };
}
