import { describe, expect, it } from 'vitest';
import { formatQuantity, formatQuantityText } from './units';

describe('formatQuantity', () => {
  it('keeps the Chinese units in Chinese', () => {
    expect(formatQuantity(248, '万元', 'zh')).toEqual({ number: '248', unit: '万元' });
    expect(formatQuantityText(9658, '户', 'zh')).toBe('9,658户');
    expect(formatQuantityText(53.8, '亿元', 'zh')).toBe('53.8亿元');
  });

  it('gives money in English as yuan or dollars in millions and billions', () => {
    expect(formatQuantityText(248, '万元', 'en')).toBe('¥2.48 million');
    expect(formatQuantity(53.8, '亿元', 'en')).toEqual({ number: '¥5.38', unit: 'billion' });
    expect(formatQuantityText(4.6, '亿元', 'en')).toBe('¥460 million');
    expect(formatQuantityText(895, '万美元', 'en')).toBe('US$8.95 million');
    expect(formatQuantityText(0.5, '万元', 'en')).toBe('¥5,000');
  });

  it('turns counting words into English nouns, or leaves them to the title', () => {
    expect(formatQuantityText(9658, '户', 'en')).toBe('9,658 households');
    expect(formatQuantityText(1, '户', 'en')).toBe('1 household');
    expect(formatQuantityText(2800, '人', 'en')).toBe('2,800 people');
    expect(formatQuantityText(15, '幢', 'en')).toBe('15 buildings');
    expect(formatQuantityText(30, '处', 'en')).toBe('30 sites');
    expect(formatQuantityText(172, '家', 'en')).toBe('172');
    expect(formatQuantityText(6, '座', 'en')).toBe('6');
  });

  it('keeps international units and never shows a Chinese character in English', () => {
    expect(formatQuantityText(38600, 'm²', 'en')).toBe('38,600 m²');
    expect(formatQuantityText(275, '㎡', 'en')).toBe('275 m²');
    expect(formatQuantityText(85, '%', 'en')).toBe('85%');
    expect(formatQuantityText(7, '艘', 'en')).toBe('7');
  });
});
