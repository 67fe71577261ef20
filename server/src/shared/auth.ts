import { z } from 'zod';
import type { Role } from './roles';

export * from './roles';

/** Body of `POST /api/auth/login`. */
export const loginBody = z.strictObject({
  username: z.string().trim().min(1, 'username is required').max(64),
  password: z.string().min(1, 'password is required').max(256),
});

/** The signed-in user as `GET /api/auth/me` returns it. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  department: string | null;
}

/** `POST /api/auth/login`'s answer; the session itself travels in an HttpOnly cookie. */
export interface LoginAnswer {
  user: SessionUser;
  /** When the session ends (ISO instant). */
  expiresAt: string;
}

/** `GET /api/auth/me`: the signed-in user, or null. */
export interface MeAnswer {
  user: SessionUser | null;
}
