import type { NewTokenAnswer, TokenInfo, TokenList } from '@shared/tokens';
import { getJson, requestJson, type FetchLike } from '../../api/http';

export type { NewTokenAnswer, TokenInfo } from '@shared/tokens';

/** What the form sends to make a token. */
export interface NewToken {
  label: string;
  /** Lifetime in days; none: until revoked. */
  expiresInDays?: number;
}

/** `GET /api/auth/tokens`: the signed-in user's tokens, newest first. */
export async function fetchTokens(fetch: FetchLike, signal?: AbortSignal): Promise<TokenInfo[]> {
  const answer = await getJson<TokenList>('/api/auth/tokens', { fetch, signal, cache: 'no-store' });
  if (!Array.isArray(answer?.tokens)) throw new TypeError('GET /api/auth/tokens: not a token list');
  return answer.tokens;
}

/** `POST /api/auth/tokens`: a new token, whose text this answer alone carries. */
export function createToken(body: NewToken, fetch: FetchLike): Promise<NewTokenAnswer> {
  return requestJson<NewTokenAnswer>('/api/auth/tokens', { fetch, method: 'POST', body, cache: 'no-store' });
}

/** `DELETE /api/auth/tokens/{id}`: revokes a token at once. */
export async function revokeToken(id: number, fetch: FetchLike): Promise<void> {
  await requestJson<undefined>(`/api/auth/tokens/${id}`, { fetch, method: 'DELETE' });
}

/** Whether a listed token can still be used at `now`. */
export function tokenState(token: Pick<TokenInfo, 'revokedAt' | 'expiresAt'>, now: Date): 'usable' | 'revoked' | 'expired' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now.getTime()) return 'expired';
  return 'usable';
}
