/** Origins allowed to read cross-origin: `*` (any), or an exact list (empty: CORS off). */
export type CorsOrigins = '*' | readonly string[];

/**
 * Parses `CORS_ORIGINS`: empty (no CORS), `*`, or comma-separated origins such as
 * `https://map.example.cn,http://localhost:5173` (scheme, host and port only).
 * @throws Error naming the first entry that is not an origin.
 */
export function parseCorsOrigins(text: string): CorsOrigins {
  const entries = text.split(',').map((e) => e.trim()).filter(Boolean);
  if (entries.length === 1 && entries[0] === '*') return '*';
  for (const entry of entries) {
    if (entry === '*') throw new Error('"*" cannot be combined with other origins');
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`"${entry}" is not an origin like https://map.example.cn`);
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== entry) {
      throw new Error(`"${entry}" is not an origin (http or https scheme, host and optional port, no path or trailing slash), e.g. ${url.origin === 'null' ? 'https://map.example.cn' : url.origin}`);
    }
  }
  return [...new Set(entries)];
}
