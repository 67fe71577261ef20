/** A single byte range of a body, both ends included. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads a `Range` header against a body of `length` bytes (RFC 9110 §14.1.2): a single
 * `bytes=first-last`, `bytes=first-` or `bytes=-suffix` range. Returns `undefined` when the
 * header is absent, malformed or asks for several ranges (the whole body is then sent, as the RFC
 * allows), and `'unsatisfiable'` when the range starts past the end (416).
 */
export function parseRange(header: string | undefined, length: number): ByteRange | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, length - suffix), end: length - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? Infinity : Number(m[2]);
  if (end < start) return undefined;
  if (start >= length) return 'unsatisfiable';
  return { start, end: Math.min(end, length - 1) };
}

/**
 * Whether `If-Range` lets a range through: absent, or naming this strong ETag (a date or another
 * tag means the client's copy is stale, so the whole body is sent).
 */
export function ifRangeHolds(header: string | undefined, etag: string): boolean {
  return header === undefined || header.trim() === etag;
}
