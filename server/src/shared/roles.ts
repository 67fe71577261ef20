// Roles, role groups and departments: plain constants with no zod, so the client bundle
// that imports them stays free of the schema library. `./auth` re-exports all of them.

/** Roles of the console (README, "Accounts"): supervisor is the supervision centre (监督中心), dispatcher the command centre (指挥中心). */
export const ROLES = ['admin', 'planner', 'inspector', 'supervisor', 'dispatcher', 'handler', 'leader'] as const;
/** A role. */
export type Role = (typeof ROLES)[number];

/** Departments a handler account can belong to. */
export const DEPARTMENTS = ['sanitation', 'municipal', 'greening', 'enforcement'] as const;
/** A handler department. */
export type Department = (typeof DEPARTMENTS)[number];

/** Who edits thematic layers (features, photos, imports). */
export const EDITORS: readonly Role[] = ['admin', 'planner'];
/** Everyone who works with cases or reads their figures (not planners; the leader read-only). */
export const CASE_STAFF: readonly Role[] = ['admin', 'inspector', 'supervisor', 'dispatcher', 'handler', 'leader'];
/** Who files cases (and so keeps an outbox on the device). */
export const CASE_FILERS: readonly Role[] = ['admin', 'inspector', 'supervisor'];
/** Who takes workflow actions (the state machine decides which). */
export const CASE_WORKERS: readonly Role[] = ['admin', 'inspector', 'supervisor', 'dispatcher', 'handler'];
/** Who may dispatch several registered cases together. */
export const CASE_DISPATCHERS: readonly Role[] = ['admin', 'dispatcher'];
/** Who may open the leaders' overview screen and its data. */
export const OVERVIEW_ROLES: readonly Role[] = ['leader', 'admin', 'supervisor', 'dispatcher'];
