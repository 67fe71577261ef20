import type { Role } from '../auth/roles';

/** Everyone who works with cases or reads them (the leader read-only). */
export const CASE_ROLES: readonly Role[] = ['admin', 'inspector', 'supervisor', 'dispatcher', 'handler', 'leader'];
/** Who files cases (and so keeps an outbox on the device). */
export const CASE_FILERS: readonly Role[] = ['admin', 'inspector', 'supervisor'];
/** Who may select registered cases and dispatch them together. */
export const BULK_DISPATCHERS: readonly Role[] = ['dispatcher', 'admin'];
