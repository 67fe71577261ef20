import type { Feature, FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { LayerInfo } from '@shared/layers';
import { detailRows } from './details';
import { anchorOf, areaContaining, featuresWithin } from './locate';

const layer: Pick<LayerInfo, 'schema' | 'labelProperty'> = {
  schema: {
    type: 'object',
    required: [],
    properties: {
      name: { type: 'string' },
      status: { type: 'string', title: '状态', enum: ['completed'], 'x-enum-labels': { completed: { zh: '完工', en: 'Completed' } } },
      start_date: { type: 'string', title: '开工日期', format: 'date' },
      area_m2: { type: 'number', title: '面积', 'x-unit': 'm²' },
      budget_wan: { type: 'number', title: '投资', 'x-unit': '万元' },
      demo: { type: 'boolean', title: '演示数据' },
      after_desc: { type: 'string', title: '改造后', 'x-long-text': true },
      contractor: { type: 'string', title: '施工单位' },
    },
  },
};

describe('details rows', () => {
  it('formats every schema property: badges, dates, units, booleans and long text', () => {
    const rows = detailRows(layer, {
      name: '甲巷', status: 'completed', start_date: '2011-03-05', area_m2: 1234.5, budget_wan: 80, demo: true, after_desc: '路面铺设青石板', contractor: '',
    }, 'zh-CN', { yes: '是', no: '否' });
    expect(rows.map((r) => [r.key, r.value, r.kind])).toEqual([
      ['status', '完工', 'badge'],
      ['start_date', '2011年3月5日', 'text'],
      ['area_m2', '1,234.5 m²', 'text'],
      ['budget_wan', '80万元', 'text'],
      ['demo', '是', 'text'],
      ['after_desc', '路面铺设青石板', 'long'],
    ]);
  });
});

const square = (id: string, x: number, name: string): Feature => ({
  type: 'Feature', id, properties: { name },
  geometry: { type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] },
});
const point = (id: string, x: number, y: number): Feature => ({ type: 'Feature', id, properties: {}, geometry: { type: 'Point', coordinates: [x, y] } });

describe('locating a feature', () => {
  const communities: FeatureCollection = { type: 'FeatureCollection', features: [square('a', 0, '甲社区'), square('b', 1, '乙社区')] };
  const rooms: FeatureCollection = { type: 'FeatureCollection', features: [point('r1', 1.5, 0.5), point('r2', 0.5, 0.5), point('r3', 1.2, 0.8)] };

  it('finds the community a line lies in and the garbage rooms inside it', () => {
    const line: Feature = { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[1.1, 0.2], [1.9, 0.2]] } };
    const community = areaContaining(anchorOf(line)!, communities);
    expect(community?.id).toBe('b');
    expect(featuresWithin(community!, rooms).map((f) => f.id)).toEqual(['r1', 'r3']);
    expect(featuresWithin(community!, rooms, 'r1').map((f) => f.id)).toEqual(['r3']);
  });

  it('finds nothing outside every area', () => {
    expect(areaContaining([5, 5], communities)).toBeUndefined();
  });
});
