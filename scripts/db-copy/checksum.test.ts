import { describe, expect, it } from 'vitest';
import { TableChecksum, cellText } from './checksum';

const sumOf = (rows: unknown[][], json: boolean[]) => {
  const sum = new TableChecksum();
  for (const row of rows) sum.add(row, json);
  return sum.hex;
};

describe('db:copy checksums', () => {
  it('read a jsonb column as PostgreSQL returns it (keys reordered, spaces) like the text SQLite kept', () => {
    expect(cellText('{"b": 1, "a": [1, {"y": null, "x": "清波"}]}', true)).toBe(cellText('{"a":[1,{"x":"清波","y":null}],"b":1}', true));
    expect(cellText('{"a":1}', true)).not.toBe(cellText('{"a":2}', true));
  });

  it('tell NULL, text and numbers apart, and read a flag the same as a boolean', () => {
    expect(cellText(null, false)).not.toBe(cellText('\\N', false));
    expect(cellText(null, false)).not.toBe(cellText('N', false));
    expect(cellText('3', false)).not.toBe(cellText(3, false));
    expect(cellText(3, false)).toBe(cellText(3.0, false));
    expect(cellText(true, false)).toBe(cellText(1, false));
    expect(cellText(120.1234567, false)).not.toBe(cellText(Math.fround(120.1234567), false));
  });

  it('do not depend on the order rows are read in, but on every cell of every row', () => {
    const rows = [[1, 'a', null], [2, 'b', 2.5], [3, 'ab', 0]];
    expect(sumOf(rows, [])).toBe(sumOf([rows[2]!, rows[0]!, rows[1]!], []));
    expect(sumOf(rows, [])).not.toBe(sumOf([[1, 'a', null], [2, 'b', 2.5], [3, 'ab', 1]], []));
    expect(sumOf(rows, [])).not.toBe(sumOf(rows.slice(1), []));
    expect(sumOf([[1, 'ab', 'c']], [])).not.toBe(sumOf([[1, 'a', 'bc']], []));
  });
});
