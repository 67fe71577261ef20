import type { Feature, FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { LayerInfo } from '@shared/layers';
import { detailRows, formatInstant } from './details';
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
  it('shows a property with an English twin once, in the user\'s language', () => {
    const twins: Pick<LayerInfo, 'schema' | 'labelProperty'> = { schema: { type: 'object', required: [], properties: {
      category: { type: 'string', title: '类别', 'x-title-en': 'Category' },
      category_en: { type: 'string', title: '类别（英文）', 'x-title-en': 'Category (English)' },
      note: { type: 'string', title: '备注', 'x-title-en': 'Note' },
      note_en: { type: 'string', title: '备注（英文）' },
    } } };
    const props = { category: '道路不洁', category_en: 'Dirty street surface', note: '只有中文', note_en: '' };
    const labels = { yes: 'yes', no: 'no' };
    expect(detailRows(twins, props, 'zh-CN', labels).map((r) => [r.title, r.value])).toEqual([['类别', '道路不洁'], ['备注', '只有中文']]);
    expect(detailRows(twins, props, 'en', labels).map((r) => [r.title, r.value])).toEqual([['Category', 'Dirty street surface'], ['Note', '只有中文']]);
  });

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

  it('shows no Chinese unit in English: 248 万元 is ¥2.48 million, m² stays', () => {
    const rows = detailRows(layer, { name: '甲巷', area_m2: 1234.5, budget_wan: 248, demo: false }, 'en', { yes: 'yes', no: 'no' });
    expect(rows.map((r) => [r.key, r.value])).toEqual([
      ['area_m2', '1,234.5 m²'],
      ['budget_wan', '¥2.48 million'],
      ['demo', 'no'],
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

describe('formatInstant', () => {
  const zh = { shanghai: (t: string) => `${t}（北京时间）`, local: (t: string) => `本地时间 ${t}` };
  const en = { shanghai: (t: string) => `${t} (China Standard Time)`, local: (t: string) => `your time ${t}` };

  it('shows a UTC instant as Asia/Shanghai time in Chinese and English, not as an ISO string', () => {
    expect(formatInstant('2011-06-01T08:30:00.000Z', 'zh-CN', zh, 'Asia/Shanghai')).toBe('2011年6月1日 16:30（北京时间）');
    expect(formatInstant('2011-06-01T08:30:00.000Z', 'en', en, 'Asia/Shanghai')).toBe('1 Jun 2011, 16:30 (China Standard Time)');
    // past midnight in Shanghai, still the day before in UTC
    expect(formatInstant('2011-12-31T16:05:00Z', 'zh-CN', zh, 'Asia/Shanghai')).toBe('2012年1月1日 00:05（北京时间）');
  });

  it('adds the user\'s own time when their zone is another', () => {
    expect(formatInstant('2011-06-01T08:30:00.000Z', 'en', en, 'Europe/London')).toBe('1 Jun 2011, 16:30 (China Standard Time) · your time 1 Jun 2011, 09:30');
    expect(formatInstant('not a time', 'en', en, 'Europe/London')).toBe('not a time');
  });

  it('is how the details rows show date-time properties (a case\'s report time and deadline)', () => {
    const layer = { schema: { type: 'object' as const, required: [], properties: { reported_at: { type: 'string' as const, title: '上报时间', format: 'date-time' } } } };
    const rows = detailRows(layer, { reported_at: '2011-06-01T08:30:00Z' }, 'zh-CN', { yes: '是', no: '否' }, zh);
    expect(rows[0]!.value).toMatch(/^2011年6月1日 16:30（北京时间）/);
  });
});
