import type { CopyReport } from './copy';

/** A database URL without its password (printed, logged). */
export function hideCredentials(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** The report `db:copy` prints: one line per table (rows, checksum, ok), what was left behind, the photos' folder. */
export function formatReport(report: CopyReport, uploadDir: string): string {
  const head = `${'table'.padEnd(22)}${'rows'.padStart(11)}${'in target'.padStart(11)}  ${'checksum (md5 sum)'.padEnd(34)}  ok     s`;
  const lines = report.tables.map((t) => [
    t.table.padEnd(22),
    t.sourceRows.toLocaleString('en').padStart(11),
    t.targetRows.toLocaleString('en').padStart(11),
    `  ${t.sourceChecksum}${t.ok ? '  ' : ` ≠ ${t.targetChecksum}`}`,
    t.ok ? '  yes' : '  NO',
    t.seconds.toFixed(1).padStart(6),
  ].join(''));
  const skipped = report.skipped.map((s) => `  ${s.table} (${s.rows.toLocaleString('en')} rows): ${s.reason}`);
  return [
    head,
    ...lines,
    '',
    report.ok
      ? `Copied and verified ${report.tables.length} tables in ${report.seconds.toFixed(1)} s.`
      : `VERIFICATION FAILED for ${report.tables.filter((t) => !t.ok).map((t) => t.table).join(', ')}: the transaction was rolled back, the target is empty.`,
    ...(skipped.length ? ['Not copied:', ...skipped] : []),
    `Photos are not in the database: they stay in UPLOAD_DIR (${uploadDir}). Give every server the same folder (a shared mount when several machines serve).`,
  ].join('\n');
}
