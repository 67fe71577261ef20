import { describe, expect, it } from 'vitest';
import { sampleLayer } from '../layers';
import { legendEntries } from './legendEntries';

const LAYERS = [
  sampleLayer({ id: 'roads', group: 'basemap', geometryType: 'LineString', title: { zh: '道路街巷', en: 'Streets' } }),
  sampleLayer({ id: 'garbage-rooms', group: 'ecology', geometryType: 'Point', title: { zh: '生态垃圾房', en: 'Garbage rooms' } }),
  sampleLayer({ id: 'communities', group: 'administrative', geometryType: 'Polygon', title: { zh: '社区', en: 'Communities' } }),
  sampleLayer({ id: 'cases', group: 'services', geometryType: 'Point', title: { zh: '案件', en: 'Cases' } }),
  sampleLayer({ id: 'alley-renovations', group: 'renovation', geometryType: 'LineString', title: { zh: '背街小巷改善', en: 'Alleys' } }),
];
const COLORS = { roads: '#ffffff', 'garbage-rooms': '#1b9e77', communities: '#7570b3', 'alley-renovations': '#d95f02' };

describe('legendEntries', () => {
  it('lists only the visible layers, in the layer panel\'s group order, with their colour and shape', () => {
    const hidden = new Set(['cases']);
    expect(legendEntries(LAYERS, (id) => !hidden.has(id), COLORS, 'zh-CN')).toEqual([
      { id: 'alley-renovations', label: '背街小巷改善', color: '#d95f02', shape: 'line' },
      { id: 'garbage-rooms', label: '生态垃圾房', color: '#1b9e77', shape: 'point' },
      { id: 'communities', label: '社区', color: '#7570b3', shape: 'polygon' },
      { id: 'roads', label: '道路街巷', color: '#ffffff', shape: 'line' },
    ]);
  });

  it('uses English titles, a neutral colour for a layer the style gives none, and is empty when nothing is shown', () => {
    expect(legendEntries(LAYERS, (id) => id === 'cases', COLORS, 'en')).toEqual([{ id: 'cases', label: 'Cases', color: '#888888', shape: 'point' }]);
    expect(legendEntries(LAYERS, () => false, COLORS, 'zh-CN')).toEqual([]);
  });
});
