import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@shared/auth';
import { CASE_ACTIONS, CASE_STATES, type CaseAction, type CaseState } from '@shared/cases';
import { compileCalendar, createWorkingTime, DEFAULT_CALENDAR } from '../calendar';
import { apply, nextActions, TransitionError, type MachineCase, type MachineUser } from './state-machine';

const time = createWorkingTime(compileCalendar(DEFAULT_CALENDAR));
const NOW = new Date('2011-03-07T02:00:00.000Z');

/** Who may do what from where, written out by hand from the CJ/T 315 closed loop (register, dispatch, handle, verify, close) and the issue. */
const ALLOWED = `
  reported   register  supervisor admin
  reported   reject    supervisor admin
  reported   void      supervisor admin
  registered dispatch  dispatcher admin
  registered void      supervisor admin
  dispatched accept    handler admin
  dispatched postpone  dispatcher admin
  dispatched void      supervisor admin
  handling   feedback  handler admin
  handling   postpone  dispatcher admin
  feedback   close     supervisor inspector admin
  feedback   rework    supervisor inspector admin
`.trim().split('\n').map((line) => {
  const [state, action, ...roles] = line.trim().split(/\s+/);
  return { state: state as CaseState, action: action as CaseAction, roles: roles as Role[] };
});

const TARGET: Record<CaseAction, CaseState | 'same'> = {
  register: 'registered', reject: 'rejected', dispatch: 'dispatched', accept: 'handling', feedback: 'feedback',
  close: 'closed', rework: 'handling', postpone: 'same', void: 'void',
};

/** The user who filed the test case: an inspector verifies only the cases it reported. */
const REPORTER = 7;

const INPUT = { note: '已处理', reason: '理由', until: '2011-12-31T09:00:00.000Z' };

const aCase = (state: CaseState, over: Partial<MachineCase> = {}): MachineCase => ({
  state, department: 'sanitation', deadline: '2011-03-07T06:00:00.000Z', postponed: false, reworkCount: 0, reporterId: REPORTER, afterPhotos: 1,
  category: { timeLimit: { value: 2, unit: 'wh' }, department: 'sanitation' }, ...over,
});

const USERS: [string, MachineUser][] = [
  ...ROLES.map((role): [string, MachineUser] => [role, { id: REPORTER, role, department: role === 'handler' ? 'sanitation' : null }]),
  ['handler of another department', { id: REPORTER, role: 'handler', department: 'greening' }],
  ['inspector who did not report the case', { id: REPORTER + 1, role: 'inspector', department: null }],
  ['supervisor who did not report the case', { id: REPORTER + 1, role: 'supervisor', department: null }],
];

function expected(state: CaseState, action: CaseAction, user: MachineUser): number {
  const rolesForAction = new Set(ALLOWED.filter((a) => a.action === action).flatMap((a) => a.roles));
  if (!rolesForAction.has(user.role)) return 403;
  if (user.role === 'handler' && user.department !== 'sanitation') return 403;
  if (user.role === 'inspector' && user.id !== REPORTER && (action === 'close' || action === 'rework')) return 403;
  return ALLOWED.some((a) => a.state === state && a.action === action) ? 200 : 409;
}

function outcome(state: CaseState, action: CaseAction, user: MachineUser): number {
  try {
    apply(aCase(state), action, user, INPUT, NOW, time);
    return 200;
  } catch (err) {
    if (err instanceof TransitionError) return err.status;
    throw err;
  }
}

describe.each(USERS)('the state machine for %s', (_name, user) => {
  it.each(CASE_STATES.flatMap((s) => CASE_ACTIONS.map((a) => [s, a] as const)))('from %s, %s', (state, action) => {
    expect(outcome(state, action, user)).toBe(expected(state, action, user));
  });

  it.each(CASE_STATES)('lists exactly the allowed actions from %s', (state) => {
    expect(nextActions(aCase(state), user)).toEqual(CASE_ACTIONS.filter((a) => expected(state, a, user) === 200));
  });
});

describe('transitions', () => {
  const admin: MachineUser = { id: REPORTER, role: 'admin', department: null };

  it.each(ALLOWED)('$action from $state leads to the right state and records it', ({ state, action }) => {
    const { changes, event } = apply(aCase(state), action, admin, INPUT, NOW, time);
    const to = TARGET[action] === 'same' ? state : TARGET[action];
    expect(changes.state).toBe(to);
    expect(event).toMatchObject({ action, from: state, to });
  });

  it('stamps the time of each step', () => {
    const at = NOW.toISOString();
    expect(apply(aCase('reported'), 'register', admin, {}, NOW, time).changes.registeredAt).toBe(at);
    expect(apply(aCase('dispatched'), 'accept', admin, {}, NOW, time).changes.acceptedAt).toBe(at);
    expect(apply(aCase('handling'), 'feedback', admin, { note: '已清理' }, NOW, time).changes.feedbackAt).toBe(at);
    expect(apply(aCase('feedback'), 'close', admin, {}, NOW, time).changes.closedAt).toBe(at);
  });

  it('dispatches to the category department by default, with a deadline in working time', () => {
    const c = aCase('registered', { department: null, deadline: null, category: { timeLimit: { value: 4, unit: 'wh' }, department: 'greening' } });
    const { changes, event } = apply(c, 'dispatch', admin, {}, NOW, time);
    expect(changes).toMatchObject({ state: 'dispatched', department: 'greening', dispatchedAt: NOW.toISOString() });
    expect(changes.deadline).toBe('2011-03-07T07:30:00.000Z'); // 10:00 + 4 working hours = 15:30 local
    expect(event.data).toMatchObject({ department: 'greening', deadline: changes.deadline, timeLimit: { value: 4, unit: 'wh' } });
    expect(apply(c, 'dispatch', admin, { department: 'municipal' }, NOW, time).changes.department).toBe('municipal');
  });

  it('postpones to a later deadline only, setting the flag and keeping the state', () => {
    const c = aCase('handling');
    const later = apply(c, 'postpone', { id: REPORTER, role: 'dispatcher', department: null }, { reason: '等待材料', until: '2011-03-09T09:00:00+08:00' }, NOW, time);
    expect(later.changes).toEqual({ state: 'handling', postponed: true, deadline: '2011-03-09T01:00:00.000Z' });
    expect(later.event).toMatchObject({ note: '等待材料', data: { previousDeadline: c.deadline, deadline: '2011-03-09T01:00:00.000Z' } });
    for (const until of ['2011-03-07T06:00:00.000Z', '2011-03-07T05:00:00.000Z']) {
      expect(() => apply(c, 'postpone', { id: REPORTER, role: 'dispatcher', department: null }, { reason: 'x', until }, NOW, time)).toThrow(/later than 2011-03-07T06:00:00.000Z/);
    }
  });

  it('counts rework and keeps the clock', () => {
    const { changes, event } = apply(aCase('feedback', { reworkCount: 1 }), 'rework', { id: REPORTER, role: 'inspector', department: null }, { note: '仍有垃圾' }, NOW, time);
    expect(changes).toEqual({ state: 'handling', reworkCount: 2 });
    expect(event).toMatchObject({ note: '仍有垃圾', data: { rework: 2 } });
  });

  it('refuses feedback without an "after" photo since the case went into handling (400)', () => {
    const run = () => apply(aCase('handling', { afterPhotos: 0 }), 'feedback', { id: REPORTER, role: 'handler', department: 'sanitation' }, { note: '已清理' }, NOW, time);
    expect(run).toThrow(/at least one "after" photo/);
    expect(run).toThrow(expect.objectContaining({ status: 400, code: 'after_photo_required' }));
    expect(apply(aCase('handling', { afterPhotos: 2 }), 'feedback', admin, { note: '已清理' }, NOW, time).event.data).toEqual({ afterPhotos: 2 });
  });

  it('records a duplicate when rejecting one', () => {
    const { changes, event } = apply(aCase('reported'), 'reject', admin, { reason: '重复上报', duplicateOf: 12 }, NOW, time);
    expect(changes).toEqual({ state: 'rejected', duplicateOf: 12 });
    expect(event).toMatchObject({ note: '重复上报', data: { duplicateOf: 12 } });
  });

  it.each([
    ['feedback', 'handling', {}, /feedback needs a note/],
    ['rework', 'feedback', { note: '  ' }, /rework needs a note/],
    ['reject', 'reported', {}, /reject needs a reason/],
    ['void', 'registered', {}, /void needs a reason/],
    ['postpone', 'handling', { reason: 'x' }, /postpone needs a new deadline/],
  ] as const)('%s without its input is a 400', (action, state, input, message) => {
    const run = () => apply(aCase(state), action, admin, input, NOW, time);
    expect(run).toThrow(message);
    expect(run).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('says why a transition is refused', () => {
    expect(() => apply(aCase('closed'), 'rework', admin, INPUT, NOW, time)).toThrow(/cannot rework a case that is closed \(only from feedback\)/);
    expect(() => apply(aCase('reported'), 'register', { id: REPORTER, role: 'leader', department: null }, {}, NOW, time)).toThrow(/role "leader" may not register cases/);
    expect(() => apply(aCase('dispatched'), 'accept', { id: REPORTER, role: 'handler', department: 'greening' }, {}, NOW, time)).toThrow(/not assigned to department "greening"/);
  });
});
