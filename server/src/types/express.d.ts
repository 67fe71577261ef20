import type { SessionUser } from '../contracts/auth';

declare global {
  namespace Express {
    interface Request {
      /** The signed-in user, set by the session middleware. */
      user?: SessionUser;
    }
  }
}

export {};
