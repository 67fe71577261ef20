import type { Role, SessionUser } from '@shared/auth';
import { CASE_ACTIONS, type ActionInput, type CaseAction, type CaseState, type Department, type TimeLimit } from '@shared/cases';
import { HttpError } from '../../errors';
import type { WorkingTime } from '../calendar';

/** The case fields the state machine reads. */
export interface MachineCase {
  state: CaseState;
  department: Department | null;
  deadline: string | null;
  postponed: boolean;
  reworkCount: number;
  /** The user who filed the case (null for outside channels such as Open311). */
  reporterId: number | null;
  /**
   * "After" photos uploaded since the case last went into handling (accept or
   * rework): feedback needs at least one.
   */
  afterPhotos: number;
  /** The case's category: its handling time limit and default department. */
  category: { timeLimit: TimeLimit; department: Department };
}

/** The acting user as the state machine sees it. */
export type MachineUser = Pick<SessionUser, 'id' | 'role' | 'department'>;

/** The case fields a transition sets (timestamps as ISO instants). */
export interface CaseChanges {
  state?: CaseState;
  department?: Department;
  registeredAt?: string;
  dispatchedAt?: string;
  acceptedAt?: string;
  feedbackAt?: string;
  closedAt?: string;
  deadline?: string;
  postponed?: boolean;
  reworkCount?: number;
  duplicateOf?: number;
}

/** The timeline entry a transition appends. */
export interface TransitionEvent {
  action: CaseAction;
  from: CaseState;
  to: CaseState;
  note: string | null;
  data: Record<string, unknown>;
}

/** A refused transition: 403 (not this user's to do), 409 (not from this state) or 400 (missing input). */
export class TransitionError extends HttpError {
  constructor(status: 400 | 403 | 409, code: string, message: string, details?: unknown) {
    super(status, code, message, details);
    this.name = 'TransitionError';
  }
}

interface Rule {
  from: readonly CaseState[];
  to: CaseState | 'same';
  /** Roles besides admin, who may do anything. */
  roles: readonly Role[];
  /** Handlers act only on cases of their own department. */
  ownDepartment?: true;
  /** Roles that act only on the cases they reported themselves. */
  ownReports?: readonly Role[];
}

/**
 * The closed loop of digital city management (CJ/T 315 registration, handling and closing;
 * GB/T 30428 series) as one table: from which states each action starts, where it leads and
 * who may take it.
 */
export const RULES: Readonly<Record<CaseAction, Rule>> = {
  register: { from: ['reported'], to: 'registered', roles: ['supervisor'] },
  reject: { from: ['reported'], to: 'rejected', roles: ['supervisor'] },
  dispatch: { from: ['registered'], to: 'dispatched', roles: ['dispatcher'] },
  accept: { from: ['dispatched'], to: 'handling', roles: ['handler'], ownDepartment: true },
  feedback: { from: ['handling'], to: 'feedback', roles: ['handler'], ownDepartment: true },
  // verification (核查结案): the supervision centre, or the inspector who reported the case
  close: { from: ['feedback'], to: 'closed', roles: ['supervisor', 'inspector'], ownReports: ['inspector'] },
  rework: { from: ['feedback'], to: 'handling', roles: ['supervisor', 'inspector'], ownReports: ['inspector'] },
  postpone: { from: ['dispatched', 'handling'], to: 'same', roles: ['dispatcher'] },
  void: { from: ['reported', 'registered', 'dispatched'], to: 'void', roles: ['supervisor'] },
};

function refusal(c: Pick<MachineCase, 'state' | 'department' | 'reporterId'>, action: CaseAction, user: MachineUser): TransitionError | undefined {
  const rule = RULES[action];
  if (user.role !== 'admin' && !rule.roles.includes(user.role)) {
    return new TransitionError(403, 'action_forbidden', `role "${user.role}" may not ${action} cases`);
  }
  if (user.role === 'handler' && rule.ownDepartment && c.department !== user.department) {
    return new TransitionError(403, 'other_department', `this case is not assigned to department "${user.department ?? 'none'}"`);
  }
  if (rule.ownReports?.includes(user.role) && c.reporterId !== user.id) {
    return new TransitionError(403, 'not_reporter', `only the supervision centre or the inspector who reported this case may ${action} it`);
  }
  if (!rule.from.includes(c.state)) {
    return new TransitionError(409, 'invalid_transition', `cannot ${action} a case that is ${c.state} (only from ${rule.from.join(', ')})`, { state: c.state, from: rule.from });
  }
  return undefined;
}

/** The actions a user may take on a case now, in workflow order. */
export function nextActions(c: Pick<MachineCase, 'state' | 'department' | 'reporterId'>, user: MachineUser): CaseAction[] {
  return CASE_ACTIONS.filter((a) => refusal(c, a, user) === undefined);
}

function required(value: string | undefined, action: CaseAction, field: string): string {
  if (value?.trim()) return value.trim();
  throw new TransitionError(400, 'input_required', `${action} needs a ${field}`);
}

function changesFor(c: MachineCase, action: CaseAction, input: ActionInput, now: Date, time: Pick<WorkingTime, 'addWorking'>): { changes: CaseChanges; note: string | null; data: Record<string, unknown> } {
  const at = now.toISOString();
  const note = input.note?.trim() || null;
  switch (action) {
    case 'register': return { changes: { registeredAt: at }, note, data: {} };
    case 'reject': {
      const duplicateOf = input.duplicateOf;
      return { changes: duplicateOf ? { duplicateOf } : {}, note: required(input.reason, action, 'reason'), data: duplicateOf ? { duplicateOf } : {} };
    }
    case 'dispatch': {
      const department = input.department ?? c.category.department;
      const deadline = time.addWorking(now, c.category.timeLimit.value, c.category.timeLimit.unit).toISOString();
      return { changes: { department, dispatchedAt: at, deadline }, note, data: { department, deadline, timeLimit: c.category.timeLimit } };
    }
    case 'accept': return { changes: { acceptedAt: at }, note, data: {} };
    case 'feedback': {
      const text = required(input.note, action, 'note');
      if (c.afterPhotos < 1) throw new TransitionError(400, 'after_photo_required', 'feedback needs at least one "after" photo uploaded since the case was accepted or sent back');
      return { changes: { feedbackAt: at }, note: text, data: { afterPhotos: c.afterPhotos } };
    }
    case 'close': return { changes: { closedAt: at }, note, data: {} };
    case 'rework': return { changes: { reworkCount: c.reworkCount + 1 }, note: required(input.note, action, 'note'), data: { rework: c.reworkCount + 1 } };
    case 'postpone': {
      const reason = required(input.reason, action, 'reason');
      const until = Date.parse(required(input.until, action, 'new deadline'));
      const floor = Math.max(now.getTime(), c.deadline ? Date.parse(c.deadline) : 0);
      if (!(until > floor)) throw new TransitionError(409, 'deadline_not_later', `the new deadline must be later than ${new Date(floor).toISOString()}`);
      const deadline = new Date(until).toISOString();
      return { changes: { postponed: true, deadline }, note: reason, data: { previousDeadline: c.deadline, deadline } };
    }
    case 'void': return { changes: {}, note: required(input.reason, action, 'reason'), data: {} };
  }
}

/**
 * Applies an action: returns the fields to change and the timeline event, or
 * throws a TransitionError saying why not. Pure: the caller stores both.
 */
export function apply(c: MachineCase, action: CaseAction, user: MachineUser, input: ActionInput, now: Date, time: Pick<WorkingTime, 'addWorking'>): { changes: CaseChanges; event: TransitionEvent } {
  const refused = refusal(c, action, user);
  if (refused) throw refused;
  const rule = RULES[action];
  const to = rule.to === 'same' ? c.state : rule.to;
  const { changes, note, data } = changesFor(c, action, input, now, time);
  return { changes: { ...changes, state: to }, event: { action, from: c.state, to, note, data } };
}
