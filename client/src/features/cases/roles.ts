import { CASE_DISPATCHERS, CASE_STAFF } from '@shared/roles';

/** Who files cases (and so keeps an outbox on the device): the server's own group. */
export { CASE_FILERS } from '@shared/roles';
/** Everyone who works with cases or reads them (the leader read-only): the server's `CASE_STAFF`. */
export const CASE_ROLES = CASE_STAFF;
/** Who may select registered cases and dispatch them together: the server's `CASE_DISPATCHERS`. */
export const BULK_DISPATCHERS = CASE_DISPATCHERS;
