/** Loopback hosts: the only ones a webhook may reach over plain http (a local relay, or a test's receiver), and only when listed. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Why a webhook URL may not be used, or undefined when it may. It must be an absolute https URL
 * (http only to a listed loopback host) without credentials, whose host is in `allowedHosts`
 * (`WEBHOOK_HOSTS` entries: `host` matches the scheme's default port, `host:port` that port).
 */
export function webhookUrlProblem(raw: string, allowedHosts: readonly string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `scheme ${url.protocol} not allowed: use https`;
  if (url.username || url.password) return 'credentials in the URL are not allowed';
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const defaultPort = url.protocol === 'https:' ? '443' : '80';
  const listed = allowedHosts.some((h) => h === `${host}:${port}` || (h === host && port === defaultPort));
  if (!listed) return `host ${url.host} is not in WEBHOOK_HOSTS (${allowedHosts.join(', ') || 'empty'})`;
  if (url.protocol === 'http:' && !LOOPBACK.has(host)) return 'plain http is allowed only to a loopback host: use https';
  return undefined;
}

/** A URL with its query values and most of a long last path segment hidden (robot keys and tokens live there), for showing to admins. */
export function maskedUrl(raw: string): string {
  try {
    const url = new URL(raw);
    for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, '***');
    // Feishu keeps its hook token as the last path segment: only its first characters are shown
    const path = url.pathname.replace(/[^/]{9,}$/, (last) => `${last.slice(0, 4)}…`);
    return `${url.protocol}//${url.host}${path}${url.search.replaceAll('%2A', '*')}`;
  } catch {
    return '(invalid URL)';
  }
}
