import { describe, expect, it } from 'vitest';
import { guardCsvText, unguardCsvText } from './csv';

describe('the CSV formula guard', () => {
  it('prefixes text starting with = + - @ tab or CR with a quote, and nothing else', () => {
    expect(['=SUM(A1)', '+1', '-x', '@cmd', '\tx', '\rx'].map(guardCsvText)).toEqual(["'=SUM(A1)", "'+1", "'-x", "'@cmd", "'\tx", "'\rx"]);
    expect(['清波门', 'a=b', "'quoted", ''].map(guardCsvText)).toEqual(['清波门', 'a=b', "'quoted", '']);
  });

  it('is undone by the import side, so an export reads back as it was', () => {
    for (const text of ['=SUM(A1)', '+86 571', '-3 层', '@home', '\tindented', '\rx', '清波门', "'kept"]) {
      expect(unguardCsvText(guardCsvText(text))).toBe(text);
    }
  });
});
