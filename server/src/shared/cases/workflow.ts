import { z } from 'zod';
import { DEPARTMENTS, type Department } from '../auth';
import { note, version, type Localized } from './common';

/** States of a case: the closed loop of CJ/T 315 (registration, handling and closing) plus its side states. */
export const CASE_STATES = ['reported', 'registered', 'rejected', 'dispatched', 'handling', 'feedback', 'closed', 'void'] as const;
/** A case state. */
export type CaseState = (typeof CASE_STATES)[number];
/** States in which a case still needs work. */
export const OPEN_STATES: readonly CaseState[] = ['reported', 'registered', 'dispatched', 'handling', 'feedback'];
/** States whose handling clock runs. */
export const CLOCK_STATES: readonly CaseState[] = ['dispatched', 'handling'];

/** Workflow actions on an existing case. */
export const CASE_ACTIONS = ['register', 'reject', 'dispatch', 'accept', 'feedback', 'close', 'rework', 'postpone', 'void'] as const;
/** A workflow action. */
export type CaseAction = (typeof CASE_ACTIONS)[number];
/** What a timeline event records: filing (`report`) or a workflow action. */
export type CaseEventAction = 'report' | CaseAction;

/** A handler department (declared with the departments in `../auth`). */
export type { Department } from '../auth';

/** Names of the handler departments. */
export const DEPARTMENT_NAMES: Record<Department, Localized> = {
  sanitation: { zh: '环卫所', en: 'Sanitation' },
  municipal: { zh: '市政所', en: 'Municipal works' },
  greening: { zh: '园林所', en: 'Landscaping' },
  enforcement: { zh: '城管执法中队', en: 'Enforcement' },
};

/** Bodies of `POST /api/cases/:id/actions/:action`, per action; `version` is an alternative to If-Match. */
export const actionBodies = {
  register: z.strictObject({ note: note.optional(), version }),
  reject: z.strictObject({ reason: note, duplicateOf: z.number().int().positive().optional(), version }),
  dispatch: z.strictObject({ department: z.enum(DEPARTMENTS).optional(), note: note.optional(), version }),
  accept: z.strictObject({ note: note.optional(), version }),
  feedback: z.strictObject({ note, version }),
  close: z.strictObject({ note: note.optional(), version }),
  rework: z.strictObject({ note, version }),
  postpone: z.strictObject({ reason: note, until: z.iso.datetime({ offset: true }), version }),
  void: z.strictObject({ reason: note, version }),
} satisfies Record<CaseAction, z.ZodType>;

/** The input of any action, as the state machine takes it. */
export interface ActionInput {
  note?: string;
  reason?: string;
  department?: Department;
  until?: string;
  duplicateOf?: number;
}

/** Body of `POST /api/cases/dispatch` (bulk). */
export const bulkDispatchBody = z.strictObject({
  ids: z.array(z.number().int().positive()).min(1).max(200).refine((ids) => new Set(ids).size === ids.length, 'ids must be unique'),
  department: z.enum(DEPARTMENTS),
  note: note.optional(),
});
