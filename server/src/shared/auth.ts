import { z } from 'zod';

/** Roles of the console (README, "Accounts"): supervisor is the supervision centre (监督中心), dispatcher the command centre (指挥中心). */
export const ROLES = ['admin', 'planner', 'inspector', 'supervisor', 'dispatcher', 'handler', 'leader'] as const;
/** A role. */
export type Role = (typeof ROLES)[number];

/** Departments a handler account can belong to. */
export const DEPARTMENTS = ['sanitation', 'municipal', 'greening', 'enforcement'] as const;

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
