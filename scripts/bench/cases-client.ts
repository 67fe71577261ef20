import { DEMO_PASSWORD } from '../../server/src/seed/demo-accounts';

/** Hefang Street (河坊街), inside 清河坊社区. */
const HEFANG = { lon: 120.16426, lat: 30.24242 };

/** Signs in as a demo account; returns the session cookie. */
export async function signIn(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login as ${username}: HTTP ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

/** A case filing body near Hefang Street with a given idempotency key. */
export function filingBody(key: string, r: () => number): string {
  return JSON.stringify({ category: 'E01-03', lon: HEFANG.lon + (r() - 0.5) * 0.0006, lat: HEFANG.lat + (r() - 0.5) * 0.0006, description: '基准测试：路面有油污', idempotencyKey: key });
}
