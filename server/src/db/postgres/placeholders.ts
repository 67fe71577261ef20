/** A statement rewritten for PostgreSQL: `$n` placeholders, and the names bound to them in named mode. */
export interface Translated {
  text: string;
  /** For `@name` parameters: the name of `$1`, `$2`, …; empty in positional mode. */
  names: string[];
  /** How many `?` placeholders the statement had (positional mode). */
  positional: number;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT = /[A-Za-z0-9_]/;

/**
 * Rewrites SQLite-style placeholders for PostgreSQL: each `?` becomes `$1`, `$2`, … and each `@name` becomes
 * `$n` (the same name, the same number). Quoted strings, quoted identifiers, comments and dollar-quoted bodies
 * are copied as they are. PostgreSQL's own `?` operators (jsonb `?`, `?|`, `?&`) cannot be written in a
 * statement that goes through here: use `jsonb_exists()` and friends.
 */
export function translatePlaceholders(sql: string): Translated {
  let out = '';
  const names: string[] = [];
  const numbers = new Map<string, number>();
  let positional = 0;
  let i = 0;
  const copyUntil = (end: string, from: number): number => {
    const j = sql.indexOf(end, from);
    const stop = j === -1 ? sql.length : j + end.length;
    out += sql.slice(i, stop);
    return stop;
  };
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'") {
      // '' inside a string is an escaped quote: copying up to each closing quote handles it
      i = copyUntil("'", i + 1);
    } else if (c === '"') {
      i = copyUntil('"', i + 1);
    } else if (c === '-' && sql[i + 1] === '-') {
      i = copyUntil('\n', i + 2);
    } else if (c === '/' && sql[i + 1] === '*') {
      i = copyUntil('*/', i + 2);
    } else if (c === '$' && /[A-Za-z_$]/.test(sql[i + 1] ?? '')) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i));
      if (tag) {
        i = copyUntil(tag[0], i + tag[0].length);
      } else {
        out += c;
        i++;
      }
    } else if (c === '?') {
      positional++;
      out += `$${positional}`;
      i++;
    } else if (c === '@' && IDENT_START.test(sql[i + 1] ?? '') && !IDENT.test(sql[i - 1] ?? '')) {
      let j = i + 1;
      while (j < sql.length && IDENT.test(sql[j] ?? '')) j++;
      const name = sql.slice(i + 1, j);
      let n = numbers.get(name);
      if (n === undefined) {
        names.push(name);
        n = names.length;
        numbers.set(name, n);
      }
      out += `$${n}`;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  if (positional > 0 && names.length > 0) throw new Error('a statement mixes ? and @name placeholders');
  return { text: out, names, positional };
}
