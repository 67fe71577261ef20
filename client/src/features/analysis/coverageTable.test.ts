import { featureCollection, point, polygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { serviceCoverage } from './coverage';
import { coverageCsv, coverageTableRows } from './coverageTable';
import { formatArea, formatShare } from './format';

const community = (name: string, nameEn: string, west: number) =>
  polygon([[[west, 30.24], [west + 0.01, 30.24], [west + 0.01, 30.25], [west, 30.25], [west, 30.24]]], { name, name_en: nameEn });
const buildings = featureCollection([polygon([[[120.1049, 30.2449], [120.1051, 30.2449], [120.1051, 30.2451], [120.1049, 30.2451], [120.1049, 30.2449]]], { households: 42 })]);
const result = serviceCoverage({
  facilities: featureCollection([point([120.105, 30.245])]),
  communities: featureCollection([community('甲社区', 'A, "north"', 120.1), community('=乙社区', 'B', 120.2)]),
  buildings, radiusM: 300,
});
const header = { name: '社区', areaM2: '面积', coveredM2: '覆盖面积', share: '覆盖率', buildings: '楼栋', buildingsCovered: '覆盖楼栋', households: '户数', householdsCovered: '覆盖户数' };

describe('the coverage table', () => {
  it('names communities in the UI language and ends with the district total', () => {
    expect(coverageTableRows(result, { labelProperty: 'name' }, 'en', 'District').map((r) => [r.name, r.isTotal, r.householdsCovered])).toEqual([
      ['A, "north"', false, 42], ['B', false, 0], ['District', true, 42],
    ]);
  });

  it('downloads as CSV with whole square metres, a fractional share and safe cells', () => {
    const rows = coverageTableRows(result, { labelProperty: 'name' }, 'zh-CN', '全街道');
    const [head, first, second, total] = coverageCsv(rows, header).split('\r\n');

    expect(head).toBe('\uFEFF社区,面积,覆盖面积,覆盖率,楼栋,覆盖楼栋,户数,覆盖户数');
    expect(first).toBe(`甲社区,${Math.round(result.rows[0]!.areaM2)},${Math.round(result.rows[0]!.coveredM2)},${result.rows[0]!.share.toFixed(4)},1,1,42,42`);
    expect(second).toMatch(/^'=乙社区,\d+,0,0\.0000,0,0,0,0$/);
    expect(total).toMatch(/^全街道,\d+,\d+,0\.\d{4},1,1,42,42$/);
  });
});

describe('formatting', () => {
  it('writes shares as percentages and areas in m² or km²', () => {
    expect(formatShare(0.4982, 'zh-CN')).toBe('49.8%');
    expect(formatShare(1, 'en')).toBe('100.0%');
    expect(formatArea(803_880, 'zh-CN')).toBe('803,880 m²');
    expect(formatArea(2_283_904, 'en')).toBe('2.284 km²');
  });
});
