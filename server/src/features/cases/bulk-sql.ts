/** Most parameters one statement binds: under SQLite's 32,766 (PostgreSQL allows 65,535). */
const MAX_PARAMS = 30_000;

/** Most rows one multi-row statement carries. */
const MAX_ROWS = 1_000;

/**
 * Splits rows into groups that fit one multi-row statement of `columns` parameters per row: on PostgreSQL every
 * statement is a round trip to the database, so a bulk write (the demo history's ~25,000 rows) sends ~40, not 25,000.
 */
export function chunksOf<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns)));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** `(?, ?, …), (?, ?, …), …`: the VALUES list of `rows` rows of `columns` placeholders. */
export function valuesList(rows: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
}
