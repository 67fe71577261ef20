import { describe, expect, it } from 'vitest';
import { buildFeaturePopup } from './featurePopup';
import { sampleLayer } from './testing';

const labels = { yes: '是', no: '否' };
const rows = (el: HTMLElement) =>
  [...el.querySelectorAll('.feature-popup__row')].map((row) => [row.querySelector('dt')?.textContent, row.querySelector('dd')?.textContent]);

describe('buildFeaturePopup', () => {
  const properties = { name: '羊坝头', name_en: 'Yangbatou Alley', status: 'accepted', length_m: 1210.5, households: 320, demo: true, note: null };

  it('lists the Chinese name and titled, unit-bearing properties in Chinese', () => {
    const el = buildFeaturePopup({ layer: sampleLayer(), properties, locale: 'zh-CN', labels });

    expect(el.querySelector('.feature-popup__layer')?.textContent).toBe('背街小巷改造');
    expect(el.querySelector('.feature-popup__title')?.textContent).toBe('羊坝头');
    expect(el.querySelector('.feature-popup__subtitle')?.textContent).toBe('Yangbatou Alley');
    expect(rows(el)).toEqual([
      ['状态', '已验收'],
      ['长度', '1,210.5 m'],
      ['受益户数', '320户'],
      ['演示数据', '是'],
    ]);
  });

  it('uses the English titles, enum labels and name in English', () => {
    const el = buildFeaturePopup({ layer: sampleLayer(), properties, locale: 'en', labels: { yes: 'Yes', no: 'No' } });

    expect(el.querySelector('.feature-popup__title')?.textContent).toBe('Yangbatou Alley');
    expect(el.querySelector('.feature-popup__subtitle')?.textContent).toBe('羊坝头');
    expect(rows(el)).toContainEqual(['Status', 'Accepted']);
    expect(rows(el)).toContainEqual(['Demo data', 'Yes']);
  });

  it('never interprets data as HTML', () => {
    const hostile = '<img src=x onerror="alert(1)"><b>bold</b>';
    const el = buildFeaturePopup({ layer: sampleLayer(), properties: { name: hostile, extra: hostile }, locale: 'zh-CN', labels });

    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('b')).toBeNull();
    expect(el.querySelector('.feature-popup__title')?.textContent).toBe(hostile);
    expect(rows(el)).toContainEqual(['extra', hostile]);
  });
});
