import type { FetchLike } from '../../api/http';
import type { Role, SessionUser } from './roles';

/** A request a fake server received. */
export interface ReceivedRequest {
  method: string;
  url: string;
  body: unknown;
}

/** A fake fetch answering with `handler`, recording every request (a handler may throw to fake a network error). */
export function recordingFetch(handler: (request: ReceivedRequest) => Response | Promise<Response>): FetchLike & { requests: ReceivedRequest[] } {
  const requests: ReceivedRequest[] = [];
  const fetch = async (url: string, init: RequestInit = {}) => {
    const request = { method: init.method ?? 'GET', url, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined };
    requests.push(request);
    return handler(request);
  };
  return Object.assign(fetch, { requests });
}

/** A JSON response. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** The server's error envelope. */
export function apiError(status: number, code: string, message = code, details?: unknown): Response {
  return json({ error: { code, message, ...(details === undefined ? {} : { details }) } }, status);
}

/** A signed-in user of a role, shaped as the server sends it. */
export function sessionUser(role: Role, overrides: Partial<SessionUser> = {}): SessionUser {
  return { id: 1, username: role, displayName: `${role} (demo)`, role, department: role === 'handler' ? 'sanitation' : null, ...overrides };
}

/**
 * A fake auth API: `me`, `login` (password `secret` for any of `users`) and `logout`,
 * keeping the session like the server's cookie would.
 */
export function fakeAuthApi(users: SessionUser[], signedIn: SessionUser | null = null) {
  return recordingFetch(authApiHandler(users, signedIn));
}

/** The request handler of `fakeAuthApi`. */
export function authApiHandler(users: SessionUser[], signedIn: SessionUser | null = null): (request: ReceivedRequest) => Response {
  let current = signedIn;
  return ({ method, url, body }) => {
    if (method === 'GET' && url === '/api/auth/me') return json({ user: current });
    if (method === 'POST' && url === '/api/auth/logout') {
      current = null;
      return new Response(null, { status: 204 });
    }
    if (method === 'POST' && url === '/api/auth/login') {
      const { username, password } = body as { username: string; password: string };
      const user = users.find((u) => u.username === username);
      if (!user || password !== 'secret') return apiError(401, 'invalid_credentials', 'wrong username or password');
      current = user;
      return json({ user, expiresAt: '2011-12-31T12:00:00.000Z' });
    }
    return apiError(404, 'not_found');
  };
}
