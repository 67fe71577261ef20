import type { SessionUser } from '@shared/auth';

declare global {
  namespace Express {
    interface Request {
      /** The signed-in user, set by the session middleware. */
      user?: SessionUser;
    }
  }
}

export {};
