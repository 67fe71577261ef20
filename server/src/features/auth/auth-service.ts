import { createHash, randomBytes } from 'node:crypto';
import type { Role, SessionUser } from '@shared/auth';
import { HttpError, NotFoundError } from '../../errors';
import type { LoginAttemptRepository } from './login-attempt-repository';
import type { LoginFailureRepository } from './login-failure-repository';
import { createLoginGuard, type LoginGuardSettings } from './login-guard';
import { hashPassword, verifyPassword } from './password';
import type { SessionRepository } from './session-repository';
import { createSharedThrottle } from './throttle';
import type { NewUser, UserRecord, UserRepository } from './user-repository';

/** Session length and login limits (see `createLoginGuard`). */
export interface AuthSettings extends LoginGuardSettings {
  sessionHours: number;
}

/**
 * Defaults: 12-hour sessions, 10 attempts per address a minute, and after 3 wrong passwords for one
 * name from one address a wait of 1, 2, 4, … s up to 15 minutes; failures forgotten after 24 hours.
 */
export const DEFAULT_AUTH: AuthSettings = { sessionHours: 12, attemptsPerMinute: 10, freeFailures: 3, maxDelaySeconds: 900, failureMemoryHours: 24 };

/** A started session. */
export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: SessionUser;
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** The session id stored for a cookie token (so a leaked database holds no usable token). */
export const sessionId = (token: string) => createHash('sha256').update(token).digest('base64url');

/** The public view of a user. */
export const toSessionUser = (u: Pick<UserRecord, 'id' | 'username' | 'displayName' | 'role' | 'department'>): SessionUser =>
  ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, department: u.department });

/**
 * Accounts, passwords, sessions and the slowing down of password guessing. Every session is read from
 * the database on each request (no cache), so a sign-in or sign-out on one process holds on all. With
 * `attempts` the per-address attempt cap counts in the database (several processes), else in memory.
 */
export function createAuthService(deps: {
  users: UserRepository; sessions: SessionRepository; failures: LoginFailureRepository; attempts?: LoginAttemptRepository; settings?: Partial<AuthSettings>;
}) {
  const settings = { ...DEFAULT_AUTH, ...deps.settings };
  const guard = createLoginGuard(deps.failures, settings, deps.attempts && createSharedThrottle(deps.attempts, settings.attemptsPerMinute, 60_000));
  const { users, sessions } = deps;
  const sessionEndListeners = new Set<(token: string) => void>();

  async function login(username: string, password: string, client: { ip: string | null; userAgent: string | null }): Promise<LoginResult> {
    const attempt = guard.begin(username, client.ip ?? 'unknown');
    const user = users.findByUsername(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      guard.failed(attempt);
      throw new HttpError(401, 'invalid_credentials', 'wrong username or password');
    }
    guard.succeeded(attempt);
    if (user.disabled) throw new HttpError(403, 'account_disabled', 'this account is disabled');
    const now = new Date();
    sessions.purgeExpired(now.toISOString());
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + settings.sessionHours * 3_600_000);
    sessions.insert(sessionId(token), user.id, now.toISOString(), expiresAt.toISOString(), client.ip, client.userAgent?.slice(0, 256) ?? null);
    return { token, expiresAt, user: toSessionUser(user) };
  }

  return {
    settings,
    login,
    /** The user of a session token, or undefined when missing, expired or disabled. */
    resolve(token: string | undefined): SessionUser | undefined {
      if (!token || token.length > 128) return undefined;
      const row = sessions.find(sessionId(token), new Date().toISOString());
      if (!row || row.disabled) return undefined;
      return { id: row.user_id, username: row.username, displayName: row.display_name, role: row.role as Role, department: row.department };
    },
    /** Ends a session (no error when it does not exist) and tells the `onLogout` listeners. */
    logout(token: string | undefined): void {
      if (!token) return;
      sessions.remove(sessionId(token));
      for (const listener of [...sessionEndListeners]) listener(token);
    },
    /** Calls `listener` with the token of every session signed out here; returns the function that stops it. */
    onLogout(listener: (token: string) => void): () => void {
      sessionEndListeners.add(listener);
      return () => {
        sessionEndListeners.delete(listener);
      };
    },
    /**
     * Lets an account sign in again at once from every address (an admin's unlock); 404 when there is
     * no such account. `record` runs in the same transaction (the audit entry).
     */
    unlock(username: string, record?: (done: { username: string; addresses: number }) => void): { username: string; addresses: number } {
      const user = users.findByUsername(username);
      if (!user) throw new NotFoundError(`no account "${username}"`);
      return deps.failures.atomically(() => {
        const done = { username: user.username, addresses: guard.unlock(user.username) };
        record?.(done);
        return done;
      });
    },
    /** Creates an account with a hashed password. */
    async createUser(u: Omit<NewUser, 'passwordHash'> & { password: string }): Promise<number> {
      const { password, ...rest } = u;
      if (password.length < 8) throw new HttpError(400, 'bad_request', 'password must have at least 8 characters');
      return users.insert({ ...rest, passwordHash: await hashPassword(password) }, new Date().toISOString());
    },
  };
}

/** The auth service's interface. */
export type AuthService = ReturnType<typeof createAuthService>;
