import { describe, expect, it } from 'vitest';
import { summarizeAttributions } from './attributions';
import { sampleLayer } from './testing';

describe('summarizeAttributions', () => {
  it('separates the shared source note from what each layer adds', () => {
    const layers = [
      sampleLayer({ id: 'water', title: { zh: '水域', en: 'Water' }, attribution: '演示数据 Demo data: report; shoreline estimated' }),
      sampleLayer({ id: 'roads', title: { zh: '道路', en: 'Roads' }, attribution: '演示数据 Demo data: report' }),
      sampleLayer({ id: 'blank', attribution: '' }),
    ];

    expect(summarizeAttributions(layers, 'en')).toEqual({
      common: '演示数据 Demo data: report',
      extras: [{ id: 'water', title: 'Water', text: 'shoreline estimated' }],
    });
  });

  it('is empty without attributions', () => {
    expect(summarizeAttributions([sampleLayer({ attribution: '' })], 'zh-CN')).toEqual({ common: '', extras: [] });
  });
});
