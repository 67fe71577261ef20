import type { Role } from '../auth/roles';

/** Who may open the leaders' overview screen (the server's `OVERVIEW_ROLES`). */
export const OVERVIEW_ROLES: readonly Role[] = ['leader', 'admin', 'supervisor', 'dispatcher'];
