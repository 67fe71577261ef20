import { describe, expect, it } from 'vitest';
import { fieldNamesText, shapefileFieldNames } from './field-names';

describe('shapefile field names', () => {
  it('keeps names of up to 10 bytes and cuts longer ones, numbering a cut name already taken', () => {
    expect([...shapefileFieldNames(['name', 'feature_id', 'households_served', 'households_total', 'households_max', 'Households'])]).toEqual([
      ['name', 'name'], ['feature_id', 'feature_id'], ['households_served', 'households'], ['households_total', 'househol_2'],
      ['households_max', 'househol_3'], ['Households', 'Househol_4'],
    ]);
  });

  it('counts UTF-8 bytes and never splits a Chinese character', () => {
    expect([...shapefileFieldNames(['名称', '服务户数', '服务户数量'])]).toEqual([['名称', '名称'], ['服务户数', '服务户'], ['服务户数量', '服务_2']]);
  });

  it('documents the mapping as tab-separated lines', () => {
    expect(fieldNamesText(new Map([['households_served', 'households']]), { households_served: '服务户数' })).toBe('field\tproperty\ttitle\r\nhouseholds\thouseholds_served\t服务户数\r\n');
  });
});
