import { createHash, randomBytes } from 'node:crypto';
import type { Role, SessionUser } from '../../contracts/auth';
import { HttpError } from '../../errors';
import { hashPassword, verifyPassword } from './password';
import type { SessionRepository } from './session-repository';
import { Throttle } from './throttle';
import type { NewUser, UserRecord, UserRepository } from './user-repository';

/** Login limits. */
export interface AuthSettings {
  sessionHours: number;
  /** Failed passwords in a row before an account is locked. */
  maxFailures: number;
  lockMinutes: number;
  /** Login attempts per client address per minute. */
  attemptsPerMinute: number;
}

/** Defaults: 12-hour sessions, lock after 5 failures for 15 minutes, 10 attempts a minute. */
export const DEFAULT_AUTH: AuthSettings = { sessionHours: 12, maxFailures: 5, lockMinutes: 15, attemptsPerMinute: 10 };

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

/** Accounts, passwords, sessions, throttling and lock-out. */
export function createAuthService(deps: { users: UserRepository; sessions: SessionRepository; settings?: Partial<AuthSettings> }) {
  const settings = { ...DEFAULT_AUTH, ...deps.settings };
  const throttle = new Throttle(settings.attemptsPerMinute, 60_000);
  const { users, sessions } = deps;
  const sessionEndListeners = new Set<(token: string) => void>();

  async function login(username: string, password: string, client: { ip: string | null; userAgent: string | null }): Promise<LoginResult> {
    const wait = throttle.hit(client.ip ?? 'unknown');
    if (wait > 0) throw new HttpError(429, 'too_many_attempts', `too many login attempts; try again in ${wait} s`, { retryAfter: wait });
    const now = new Date();
    const user = users.findByUsername(username);
    if (user?.lockedUntil && user.lockedUntil > now.toISOString()) {
      const seconds = Math.ceil((Date.parse(user.lockedUntil) - now.getTime()) / 1000);
      throw new HttpError(429, 'account_locked', `account locked after repeated failures; try again in ${seconds} s`, { retryAfter: seconds });
    }
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      if (user) {
        const failures = user.failedLogins + 1;
        const locked = failures >= settings.maxFailures;
        users.setFailures(user.id, locked ? 0 : failures, locked ? new Date(now.getTime() + settings.lockMinutes * 60_000).toISOString() : null, now.toISOString());
      }
      throw new HttpError(401, 'invalid_credentials', 'wrong username or password');
    }
    if (user.disabled) throw new HttpError(403, 'account_disabled', 'this account is disabled');
    if (user.failedLogins > 0 || user.lockedUntil) users.setFailures(user.id, 0, null, now.toISOString());
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
