import { describe, expect, it } from 'vitest';
import { matchAddress, type GazetteerEntry } from './gazetteer';
import { normaliseAddress, streetPart } from './normalise';
import { placePoints } from './place-point';

const entry = (label: string, layerId: string, featureId: number, rank = 0): GazetteerEntry => ({
  key: normaliseAddress(label), label, layerId, featureId, rank, lon: 120 + featureId / 1000, lat: 30,
});

const GAZETTEER = [
  entry('南山路', 'roads', 1, 2),
  entry('蔡官巷', 'roads', 2, 2),
  entry('河坊街', 'roads', 3, 2),
  entry('河坊街', 'landmarks', 4, 0),
  entry('清波门社区', 'communities', 5, 1),
  entry('蔡官巷35号', 'communities', 5, 1),
  entry('蔡官巷35号', 'service-facilities', 6, 0),
  entry('南山路42号旁', 'garbage-rooms', 7, 0),
  entry('胡庆余堂', 'landmarks', 8, 0),
  entry('太平坊巷15号', 'courtyard-buildings', 9, 1),
];
const found = (address: string) => {
  const m = matchAddress(GAZETTEER, address);
  return m && [m.entry.layerId, m.entry.featureId, m.match];
};

describe('address normalisation', () => {
  it('reads full-width characters, variant house-number words, spaces and administrative prefixes alike', () => {
    expect(normaliseAddress('蔡官巷３５號 ')).toBe('蔡官巷35号');
    expect(normaliseAddress('  蔡官巷 35 号\t')).toBe('蔡官巷35号');
    expect(normaliseAddress('浙江省杭州市上城区清波街道蔡官巷35#')).toBe('蔡官巷35号');
    expect(normaliseAddress('清波街道办事处')).toBe('清波街道办事处');
    expect(normaliseAddress('杭州市清波街道办事处南山路')).toBe('南山路');
    expect(normaliseAddress('Nanshan  Road')).toBe('nanshanroad');
    expect(normaliseAddress('清波创驿农产品直销店（南山路店）')).toBe('清波创驿农产品直销店南山路店');
    expect(normaliseAddress('１２衖')).toBe('12弄');
  });

  it('takes the street of an address before its house number', () => {
    expect(streetPart('蔡官巷99号')).toBe('蔡官巷');
    expect(streetPart('胡庆余堂')).toBe('胡庆余堂');
  });
});

describe('address matching', () => {
  it('prefers an exact name, a point over a polygon over a line', () => {
    expect(found('河坊街')).toEqual(['landmarks', 4, 'exact']);
    expect(found('蔡官巷３５號')).toEqual(['service-facilities', 6, 'exact']);
  });

  it('falls back to a prefix: the street of an unknown house number, the whole name of a short one', () => {
    expect(found('南山路99号')).toEqual(['roads', 1, 'prefix']);
    expect(found('南山路42号')).toEqual(['garbage-rooms', 7, 'prefix']);
    expect(found('清波门')).toEqual(['communities', 5, 'prefix']);
  });

  it('then to a house on the same street, then to a name inside the address', () => {
    expect(found('太平坊巷99号')).toEqual(['courtyard-buildings', 9, 'street']);
    expect(found('就在胡庆余堂门口')).toEqual(['landmarks', 8, 'contains']);
  });

  it('finds nothing for an unknown place, a single character or blank text', () => {
    expect(found('解放路100号')).toBeUndefined();
    expect(found('路')).toBeUndefined();
    expect(found(' 　')).toBeUndefined();
  });
});

describe('place points', () => {
  it('stands a line for its middle and a polygon for a point inside it', () => {
    expect(placePoints({ type: 'LineString', coordinates: [[120, 30], [120, 30.002]] })[0]![1]).toBeCloseTo(30.001, 5);
    const [x, y] = placePoints({ type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 1], [1, 1], [1, 4], [0, 4], [0, 0]]] })[0] as [number, number];
    expect(x >= 0 && x <= 4 && y >= 0 && y <= 4 && (x <= 1 || y <= 1)).toBe(true); // inside the L, not at its hollow centre
  });
});
