import { describe, expect, it } from 'vitest';
import { sampleLayer } from '../layers';
import { printAttribution } from './attribution';

const DEMO = '演示数据 Demo data: hand-drawn';
const LAYERS = [
  sampleLayer({ id: 'roads', attribution: `${DEMO}; courses estimated` }),
  sampleLayer({ id: 'garbage-rooms', attribution: `${DEMO}; sites invented` }),
  sampleLayer({ id: 'cases', attribution: '数字城管 City management (demo)' }),
  sampleLayer({ id: 'blank', attribution: '' }),
];

describe('printAttribution', () => {
  it('prints what the visible layers\' attributions share', () => {
    expect(printAttribution(LAYERS, (id) => id !== 'cases', 'zh-CN')).toBe(DEMO);
  });

  it('lists each distinct source once when the visible layers share none', () => {
    expect(printAttribution(LAYERS, () => true, 'zh-CN')).toBe(`${DEMO}; 数字城管 City management (demo)`);
  });

  it('is empty when no visible layer names a source', () => {
    expect(printAttribution(LAYERS, (id) => id === 'blank', 'en')).toBe('');
  });
});
