import { requestJson, type FetchLike } from '../../api/http';
import type { LoginAnswer, MeAnswer } from '@shared/auth';
import type { SessionUser } from './roles';

/** What the login form sends. */
export interface Credentials {
  username: string;
  password: string;
}

/** `GET /api/auth/me`: the signed-in user, or null. */
export async function fetchMe(fetch: FetchLike, signal?: AbortSignal): Promise<SessionUser | null> {
  const body = await requestJson<Partial<MeAnswer> | undefined>('/api/auth/me', { fetch, signal });
  return body?.user ?? null;
}

/** `POST /api/auth/login`. Its refusals (401 wrong password, 429 …) are the form's to show, not the app's. */
export function postLogin(credentials: Credentials, fetch: FetchLike): Promise<LoginAnswer> {
  return requestJson<LoginAnswer>('/api/auth/login', { fetch, method: 'POST', body: credentials, reportAuthFailures: false });
}

/** `POST /api/auth/logout`: ends the session (204). */
export async function postLogout(fetch: FetchLike): Promise<void> {
  await requestJson<void>('/api/auth/logout', { fetch, method: 'POST', reportAuthFailures: false });
}
