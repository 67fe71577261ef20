import { describe, expect, it } from 'vitest';
import { translatePlaceholders } from './placeholders';

describe('translatePlaceholders', () => {
  it('numbers ? in order and reuses a number for a repeated @name', () => {
    expect(translatePlaceholders('SELECT * FROM t WHERE a = ? AND b IN (?, ?)')).toEqual({ text: 'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)', names: [], positional: 3 });
    expect(translatePlaceholders('UPDATE t SET a = @a, b = @b WHERE a <> @a')).toEqual({ text: 'UPDATE t SET a = $1, b = $2 WHERE a <> $1', names: ['a', 'b'], positional: 0 });
  });

  it('leaves strings, quoted names, comments and dollar-quoted bodies alone', () => {
    const sql = `SELECT '?', 'it''s @x ?', "we?ird", p->>'a?' -- what?
      /* @c ? */ FROM t WHERE x = ? AND y = $$ ? $$ AND z = $f$ @q $f$ AND e = 'a@b.c'`;
    expect(translatePlaceholders(sql).text).toBe(`SELECT '?', 'it''s @x ?', "we?ird", p->>'a?' -- what?
      /* @c ? */ FROM t WHERE x = $1 AND y = $$ ? $$ AND z = $f$ @q $f$ AND e = 'a@b.c'`);
  });

  it('keeps operators that contain @ (jsonb containment) and casts', () => {
    expect(translatePlaceholders("SELECT p @> ?::jsonb, a::text FROM t").text).toBe('SELECT p @> $1::jsonb, a::text FROM t');
  });

  it('refuses a statement that mixes both kinds', () => {
    expect(() => translatePlaceholders('SELECT ? , @a')).toThrow('mixes');
  });
});
