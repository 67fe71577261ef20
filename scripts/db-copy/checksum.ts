import { createHash } from 'node:crypto';

const MOD = 1n << 128n;

/**
 * JSON text with object keys sorted at every depth and no spaces: PostgreSQL's `jsonb` reorders keys and
 * adds spaces, SQLite keeps the text it was given, so JSON columns compare by meaning.
 */
export function canonicalJson(text: string): string {
  return JSON.stringify(sortKeys(JSON.parse(text)));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

/**
 * One cell as text, the same for what better-sqlite3 and the PostgreSQL bridge return, tagged by kind so no two
 * kinds meet (the text `\N` is not NULL): NULL `N`; numbers `#` and JavaScript's shortest round-trip form (an integer
 * column's 3 and a real column's 3.0 are both `#3`); booleans as `#1`/`#0` (flags are integers in both schemas);
 * text `S` and the text, JSON columns by `canonicalJson`; bytes `X` and hex.
 */
export function cellText(value: unknown, json: boolean): string {
  if (value === null || value === undefined) return 'N';
  if (typeof value === 'string') return `S${json ? canonicalJson(value) : value}`;
  if (typeof value === 'number' || typeof value === 'bigint') return `#${String(value)}`;
  if (typeof value === 'boolean') return value ? '#1' : '#0';
  if (value instanceof Uint8Array) return `X${Buffer.from(value).toString('hex')}`;
  if (value instanceof Date) return `S${value.toISOString()}`;
  return `S${json ? JSON.stringify(sortKeys(value)) : JSON.stringify(value)}`;
}

/**
 * The checksum of a table: the sum, modulo 2^128, of each row's MD5 over its cells (each prefixed by its
 * length, so no two rows share a text). A sum does not depend on the order rows are read in, so the two
 * engines may sort text keys by different collations; a row changed, missing or added changes it.
 */
export class TableChecksum {
  private sum = 0n;
  private count = 0;

  /** Adds one row, its cells in column order; `json[i]` marks a JSON column. */
  add(cells: readonly unknown[], json: readonly boolean[]): void {
    const hash = createHash('md5');
    for (let i = 0; i < cells.length; i += 1) {
      const text = cellText(cells[i], json[i] === true);
      hash.update(`${text.length}:`);
      hash.update(text);
    }
    this.sum = (this.sum + BigInt(`0x${hash.digest('hex')}`)) % MOD;
    this.count += 1;
  }

  /** Rows added so far. */
  get rows(): number {
    return this.count;
  }

  /** The checksum as 32 hex digits. */
  get hex(): string {
    return this.sum.toString(16).padStart(32, '0');
  }
}
