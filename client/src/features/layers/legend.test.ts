import { describe, expect, it } from 'vitest';
import type { LayerSpecification } from 'maplibre-gl';
import { legendColorsOf, legendItems, legendOf } from './legend';

const meta = (layer: string, role: string, swatch?: string) => ({ 'qingbo:layer': layer, 'qingbo:role': role, ...(swatch ? { 'qingbo:swatch': swatch } : {}) });

describe('legendOf', () => {
  it('takes the circle colour first, then fill, casing, line', () => {
    const layers = [
      { id: 'roads-line', type: 'line', source: 's', metadata: meta('roads', 'line'), paint: { 'line-color': '#ffffff' } },
      { id: 'roads-casing', type: 'line', source: 's', metadata: meta('roads', 'casing'), paint: { 'line-color': '#c9c3b8' } },
      { id: 'rooms-circle', type: 'circle', source: 's', metadata: meta('rooms', 'circle'), paint: { 'circle-color': '#1b9e77' } },
    ] as LayerSpecification[];
    expect(legendOf({ layers })).toEqual({ roads: '#c9c3b8', rooms: '#1b9e77' });
  });

  it('falls back to the metadata swatch when the colour is data-driven', () => {
    const layers = [
      { id: 'cases-circle', type: 'circle', source: 's', metadata: meta('cases', 'circle', '#b2182b'), paint: { 'circle-color': ['match', ['get', 'state'], 'closed', '#7f7f7f', '#b2182b'] } },
    ] as LayerSpecification[];
    expect(legendOf({ layers })).toEqual({ cases: '#b2182b' });
  });
});

describe('legendItems', () => {
  const texts = { other: '其他', cluster: '聚合', separator: '、' };
  const label = (zh: string, en: string) => ({ zh, en });
  const layer = {
    schema: {
      type: 'object' as const, required: [], properties: {
        state: {
          type: 'string' as const, enum: ['reported', 'handling', 'closed', 'rejected', 'void'],
          'x-enum-labels': { reported: label('已上报', 'Reported'), handling: label('处理中', 'Handling'), closed: label('已结案', 'Closed'), rejected: label('不予立案', 'Rejected'), void: label('已作废', 'Void') },
        },
        clock: {
          type: 'string' as const, enum: ['green', 'yellow', 'red'],
          'x-enum-labels': { green: label('正常', 'On time'), yellow: label('将到期', 'Due soon'), red: label('已超期', 'Overdue') },
        },
      },
    },
  };
  const colors = [
    { part: 'fill', color: '#7f7f7f', property: 'state', value: 'closed' },
    { part: 'fill', color: '#bdbdbd', property: 'state', value: 'rejected' },
    { part: 'fill', color: '#bdbdbd', property: 'state', value: 'void' },
    { part: 'fill', color: '#b2182b' },
    { part: 'stroke', color: '#1a9850', property: 'clock', value: 'green' },
    { part: 'stroke', color: '#f2c12e', property: 'clock', value: 'yellow' },
    { part: 'stroke', color: '#67001f', property: 'clock', value: 'red' },
    { part: 'cluster', color: '#b2182b' },
  ] as const;

  it('names every colour of the cases layer: states, the rest of the states, deadline clock rings and clusters', () => {
    expect(legendItems(layer, colors, 'zh-CN', texts)).toEqual([
      { part: 'fill', color: '#7f7f7f', label: '已结案' },
      { part: 'fill', color: '#bdbdbd', label: '不予立案、已作废' },
      { part: 'fill', color: '#b2182b', label: '已上报、处理中' },
      { part: 'stroke', color: '#1a9850', label: '正常' },
      { part: 'stroke', color: '#f2c12e', label: '将到期' },
      { part: 'stroke', color: '#67001f', label: '已超期' },
      { part: 'cluster', color: '#b2182b', label: '聚合' },
    ]);
    expect(legendItems(layer, colors, 'en', { ...texts, separator: ', ' }).map((i) => i.label)).toEqual([
      'Closed', 'Rejected, Void', 'Reported, Handling', 'On time', 'Due soon', 'Overdue', '聚合',
    ]);
  });

  it('has nothing to add to the swatch of a one-colour layer', () => {
    expect(legendItems(layer, [{ part: 'fill', color: '#1b9e77' }], 'zh-CN', texts)).toEqual([]);
  });

  it('reads the colours from the style metadata of the best style layer', () => {
    const layers = [
      { id: 'cases-count', type: 'symbol', source: 's', metadata: { ...meta('cases', 'count'), 'qingbo:legend': [{ part: 'fill', color: '#000000' }] } },
      { id: 'cases-circle', type: 'circle', source: 's', metadata: { ...meta('cases', 'circle'), 'qingbo:legend': colors } },
    ] as unknown as LayerSpecification[];
    expect(legendColorsOf({ layers })).toEqual({ cases: colors });
  });
});
