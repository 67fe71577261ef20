import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditRepository } from '../features/audit';

/** The personal access token a request is authenticated with. */
export interface TokenContext {
  tokenId: number;
  prefix: string;
}

const storage = new AsyncLocalStorage<TokenContext>();

/** Runs `fn` (the rest of a request) as authenticated by a token. */
export function runWithToken<T>(token: TokenContext, fn: () => T): T {
  return storage.run(token, fn);
}

/** The token of the request being served, if it came with one. */
export function currentToken(): TokenContext | undefined {
  return storage.getStore();
}

/**
 * The audit log as requests write it: an entry recorded while serving a Bearer-token request
 * says so in its summary (`via: "token"` and the token's prefix); a session's entries are unchanged.
 */
export function withTokenNote(audit: AuditRepository): AuditRepository {
  return {
    ...audit,
    record(entry, now) {
      const token = storage.getStore();
      if (!token) return audit.record(entry, now);
      return audit.record({ ...entry, summary: { ...entry.summary, via: 'token', token: token.prefix } }, now);
    },
  };
}
