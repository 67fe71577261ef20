import { createHash, randomBytes } from 'node:crypto';
import type { Role, SessionUser } from '@shared/auth';
import { MAX_TOKENS_PER_USER, type TokenInfo } from '@shared/tokens';
import { HttpError, NotFoundError } from '../../errors';
import type { AuditRepository } from '../audit';
import type { TokenRepository } from './token-repository';
import type { UserRecord, UserRepository } from './user-repository';

/** What every personal access token starts with (so that a leaked one is recognisable). */
export const TOKEN_PREFIX = 'qbt_';

/** Characters of a token kept to tell it apart (`qbt_` and 8 more). */
const SHOWN = TOKEN_PREFIX.length + 8;

/** A use is written at most this often per token, in milliseconds (not a write per request). */
const TOUCH_EVERY_MS = 60_000;

/** The stored hash of a token: SHA-256 of its 32 random bytes' text. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** The user a Bearer token stands for, and which token. */
export interface TokenUser {
  user: SessionUser;
  tokenId: number;
  prefix: string;
}

/** Personal access tokens: created and revoked by their owner or an admin, audited like any change. */
export function createTokenService(deps: { tokens: TokenRepository; users: UserRepository; audit: AuditRepository; now?: () => Date }) {
  const { tokens, users, audit } = deps;
  const now = deps.now ?? (() => new Date());

  /**
   * Whose tokens a request is about: the actor's own, or (an admin only) the named account's; the
   * command line (no actor) names any account.
   */
  function owner(actor: SessionUser | null, username: string | undefined): UserRecord {
    const self = actor !== null && (username === undefined || username.toLowerCase() === actor.username.toLowerCase());
    if (actor && !self && actor.role !== 'admin') throw new HttpError(403, 'forbidden', 'only an admin manages the tokens of another account');
    const user = self ? users.findById(actor.id) : users.findByUsername(username ?? '');
    if (!user) throw new NotFoundError(`no account "${username ?? actor?.username ?? ''}"`);
    return user;
  }

  return {
    /** A new token for the actor (or, for an admin, another account); the token is returned only here. */
    create(actor: SessionUser | null, input: { label: string; expiresInDays?: number; username?: string }): { token: string; info: TokenInfo } {
      const user = owner(actor, input.username);
      if (user.disabled) throw new HttpError(409, 'account_disabled', `account "${user.username}" is disabled`);
      const at = now();
      const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      const expiresAt = input.expiresInDays ? new Date(at.getTime() + input.expiresInDays * 86_400_000).toISOString() : null;
      const id = tokens.atomically(() => {
        if (tokens.countLive(user.id, at.toISOString()) >= MAX_TOKENS_PER_USER) {
          throw new HttpError(409, 'too_many_tokens', `an account holds at most ${MAX_TOKENS_PER_USER} usable tokens; revoke one first`);
        }
        const tokenId = tokens.insert({ userId: user.id, label: input.label, hash: tokenHash(token), prefix: token.slice(0, SHOWN), createdBy: actor?.id ?? null, expiresAt }, at.toISOString());
        audit.record({
          userId: actor?.id ?? null, username: actor?.username ?? null, action: 'token_create', entity: 'token', entityId: String(tokenId),
          summary: { owner: user.username, label: input.label, prefix: token.slice(0, SHOWN), expiresAt, ...(actor ? {} : { via: 'command line' }) },
        }, at.toISOString());
        return tokenId;
      });
      return { token, info: tokens.get(id)! };
    },
    /** The actor's tokens; an admin's `username` (or `*` for everyone's) lists others'. */
    list(actor: SessionUser, username?: string): TokenInfo[] {
      if (username === '*') {
        if (actor.role !== 'admin') throw new HttpError(403, 'forbidden', 'only an admin lists every token');
        return tokens.listAll();
      }
      return tokens.listForUser(owner(actor, username).id);
    },
    /** Revokes a token of the actor's (an admin: anyone's); another's token is a 404 as if it did not exist. */
    revoke(actor: SessionUser | null, id: number): TokenInfo {
      const found = tokens.get(id);
      if (!found || (actor && actor.role !== 'admin' && found.userId !== actor.id)) throw new NotFoundError(`no token ${id}`);
      const at = now().toISOString();
      tokens.atomically(() => {
        if (!tokens.revoke(id, at)) return;
        audit.record({
          userId: actor?.id ?? null, username: actor?.username ?? null, action: 'token_revoke', entity: 'token', entityId: String(id),
          summary: { owner: found.username, label: found.label, prefix: found.prefix, ...(actor ? {} : { via: 'command line' }) },
        }, at);
      });
      return tokens.get(id)!;
    },
    /** The user of a Bearer token, or undefined when unknown, revoked, expired or its account disabled. */
    resolve(token: string): TokenUser | undefined {
      if (!token.startsWith(TOKEN_PREFIX) || token.length > 128) return undefined;
      const at = now();
      const row = tokens.findLive(tokenHash(token), at.toISOString());
      if (!row) return undefined;
      if (!row.last_used_at || at.getTime() - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS) tokens.touch(row.id, at.toISOString());
      return {
        user: { id: row.user_id, username: row.username, displayName: row.display_name, role: row.role as Role, department: row.department },
        tokenId: row.id,
        prefix: row.prefix,
      };
    },
  };
}

/** The token service's interface. */
export type TokenService = ReturnType<typeof createTokenService>;
