import { describe, expect, it } from 'vitest';
import type { LayerSchema } from '@shared/layers';
import { coerceCell, recordProperties } from './coerce';
import { detectColumns, detectDelimiter, parseCsv } from './csv';
import { detectFormat } from './read-input';

describe('parseCsv', () => {
  it('reads quoted cells with delimiters, doubled quotes and line breaks, and numbers records by their first line', () => {
    const table = parseCsv('name,note,lon\r\n"A, B","say ""hi""",120.1\r\n"multi\nline",x,120.2\r\n\r\nlast,,120.3');
    expect(table.header).toEqual(['name', 'note', 'lon']);
    expect(table.records).toEqual([
      { line: 2, cells: ['A, B', 'say "hi"', '120.1'] },
      { line: 3, cells: ['multi\nline', 'x', '120.2'] },
      { line: 6, cells: ['last', '', '120.3'] },
    ]);
  });

  it('drops a BOM and trims header names', () => {
    expect(parseCsv('\uFEFF 经度 ,纬度\n120,30\n').header).toEqual(['经度', '纬度']);
  });

  it('detects semicolons and tabs outside quotes', () => {
    expect(detectDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2')).toBe('\t');
    expect(detectDelimiter('"a;b",c,d\n')).toBe(',');
    expect(parseCsv('x;y\n1,5;2\n').records[0]!.cells).toEqual(['1,5', '2']);
  });

  it('refuses a quote left open', () => {
    expect(() => parseCsv('a,b\n"open,1\n')).toThrow(/line 2 is never closed/);
  });

  it('finds coordinate columns by their usual names, in any case', () => {
    expect(detectColumns(['name', 'LNG', 'Lat'])).toEqual({ lon: 1, lat: 2, geometry: -1 });
    expect(detectColumns(['经度', '纬度', '名称'])).toEqual({ lon: 0, lat: 1, geometry: -1 });
    expect(detectColumns(['Longitude', 'Latitude'])).toMatchObject({ lon: 0, lat: 1 });
    expect(detectColumns(['X', 'Y', 'geometry'])).toEqual({ lon: 0, lat: 1, geometry: 2 });
    expect(detectColumns(['name', 'east', 'north'])).toEqual({ lon: -1, lat: -1, geometry: -1 });
  });
});

describe('coerceCell', () => {
  it('turns cells into the schema types and leaves misfits as strings for the schema check', () => {
    expect(coerceCell(' 42 ', { type: 'integer' })).toBe(42);
    expect(coerceCell('1,234.5', { type: 'number' })).toBe(1234.5);
    expect(coerceCell('many', { type: 'number' })).toBe('many');
    expect(coerceCell('是', { type: 'boolean' })).toBe(true);
    expect(coerceCell('FALSE', { type: 'boolean' })).toBe(false);
    expect(coerceCell('maybe', { type: 'boolean' })).toBe('maybe');
    expect(coerceCell('2011/3/5', { type: 'string', format: 'date' })).toBe('2011-03-05');
    expect(coerceCell('2011年12月1日', { type: 'string', format: 'date' })).toBe('2011-12-01');
    expect(coerceCell('2011/3/5', { type: 'string' })).toBe('2011/3/5');
    expect(coerceCell('', { type: 'integer' })).toBeUndefined();
    expect(coerceCell("'=SUM(A1)", { type: 'string' })).toBe('=SUM(A1)');
    expect(coerceCell("'\tTAB", { type: 'string' })).toBe('\tTAB');
    expect(coerceCell('007', undefined)).toBe('007');
  });

  it('takes enum values by their Chinese or English label and columns by their property title', () => {
    const sorting = { type: 'string' as const, title: '分类方式', 'x-title-en': 'Sorting', enum: ['four_kinds', 'composting'], 'x-enum-labels': { four_kinds: { zh: '四分类', en: 'Four kinds' }, composting: { zh: '就地堆肥', en: 'Composting' } } };
    expect(coerceCell('四分类', sorting)).toBe('four_kinds');
    expect(coerceCell('four kinds', sorting)).toBe('four_kinds');
    expect(coerceCell('composting', sorting)).toBe('composting');
    expect(coerceCell('三分类', sorting)).toBe('三分类');
    const schema = { type: 'object' as const, required: [], properties: { name: { type: 'string' as const, title: '名称' }, sorting_type: sorting } };
    expect(recordProperties(['名称', 'SORTING', 'other'], ['甲', '就地堆肥', 'x'], schema, new Set())).toEqual({ name: '甲', sorting_type: 'composting', other: 'x' });
  });

  it('builds properties from every column but the skipped ones, leaving out empty cells', () => {
    const schema = { type: 'object', required: [], properties: { name: { type: 'string' }, n: { type: 'integer' } } } as LayerSchema;
    expect(recordProperties(['id', 'name', 'n', 'extra', 'lon'], ['7', '甲', '', 'x', '120'], schema, new Set([0, 4]))).toEqual({ name: '甲', extra: 'x' });
  });
});

describe('detectFormat', () => {
  it('follows the asked format, then the file name, then the content', () => {
    expect(detectFormat('{}', 'csv', 'a.geojson')).toBe('csv');
    expect(detectFormat('lon,lat', undefined, 'A.JSON')).toBe('geojson');
    expect(detectFormat('{}', undefined, 'data.csv')).toBe('csv');
    expect(detectFormat('\uFEFF  {"type":"Feature"}')).toBe('geojson');
    expect(detectFormat('lon,lat\n1,2')).toBe('csv');
  });
});
