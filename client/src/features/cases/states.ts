import type { CaseState, Department } from './types';

const STATE_RANK: Record<CaseState, number> = {
  reported: 0, registered: 1, dispatched: 2, handling: 3, feedback: 4, closed: 5, rejected: 6, void: 7,
};
const DEPARTMENT_RANK: Record<Department, number> = { sanitation: 0, municipal: 1, greening: 2, enforcement: 3 };

const ordered = <K extends string>(rank: Record<K, number>) => (Object.keys(rank) as K[]).sort((a, b) => rank[a] - rank[b]);

/** Every case state in workflow order (the records above fail to type-check when the contract changes). */
export const CASE_STATES: readonly CaseState[] = ordered(STATE_RANK);
/** Handler departments in the order the forms list them. */
export const DEPARTMENT_ORDER: readonly Department[] = ordered(DEPARTMENT_RANK);

/** Narrows a string to a case state. */
export function isCaseState(value: unknown): value is CaseState {
  return typeof value === 'string' && Object.hasOwn(STATE_RANK, value);
}
