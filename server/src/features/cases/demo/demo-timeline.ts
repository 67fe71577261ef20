import type { CaseAction, CaseCategory, Department, ActionInput } from '@shared/cases';
import type { NewCaseEvent } from '../case-event-repository';
import type { CaseRecord, NewCase } from '../case-repository';
import { machineCase } from '../case-view';
import { apply, type MachineUser } from '../state-machine';
import type { WorkingTime } from '../../calendar';
import { FEEDBACK_NOTES, POSTPONE_REASONS, REJECT_REASONS, REWORK_NOTES } from './demo-plan';
import type { Prng } from './prng';

/** A demo account acting in the history. */
export type DemoActor = MachineUser & { id: number };

/** The demo accounts that take each step. */
export interface DemoActors {
  inspector: DemoActor;
  supervisor: DemoActor;
  dispatcher: DemoActor;
  handlers: Readonly<Record<Department, DemoActor>>;
}

/** How a case's story goes. */
export interface DemoOutcome {
  rejected: boolean;
  late: boolean;
  rework: boolean;
  postpone: boolean;
}

/** A generated case: its final row, its timeline and its photos (kind, time, uploader). */
export interface DemoCase {
  record: NewCase;
  version: number;
  events: Omit<NewCaseEvent, 'caseId'>[];
  photos: { kind: 'before' | 'after'; at: string; userId: number }[];
}

/**
 * Runs one reported case through the closed loop with the same state-machine
 * `apply` as live cases, each step at a working-time instant after the last.
 * An impossible step throws, as it would for a user.
 */
export function runTimeline(draft: NewCase, category: CaseCategory, outcome: DemoOutcome, actors: DemoActors, rng: Prng, time: WorkingTime): DemoCase {
  const c: NewCase = { ...draft, state: 'reported' };
  const at0 = draft.reportedAt;
  const out: DemoCase = {
    record: c, version: 1,
    events: [{ at: at0, userId: actors.inspector.id, action: 'report', from: null, to: 'reported', note: null, data: { category: category.code, channel: 'inspector', photos: 1, demo: true } }],
    photos: [{ kind: 'before', at: at0, userId: actors.inspector.id }],
  };
  let afterPhotos = 0;
  const later = (from: Date | string, minutes: number) => new Date(Math.floor(time.addWorking(from, minutes / 60, 'wh').getTime() / 1000) * 1000);
  const step = (action: CaseAction, actor: DemoActor, input: ActionInput, at: Date) => {
    const { changes, event } = apply(machineCase({ ...c, id: 0 } as CaseRecord, category, afterPhotos), action, actor, input, at, time);
    Object.assign(c, changes);
    out.version += 1;
    out.events.push({ at: at.toISOString(), userId: actor.id, ...event, data: { ...event.data, demo: true } });
  };

  const t1 = later(at0, rng.between(5, 45));
  if (outcome.rejected) {
    step('reject', actors.supervisor, { reason: rng.pick(REJECT_REASONS) }, t1);
    return out;
  }
  step('register', actors.supervisor, rng.chance(0.3) ? { note: '属实，予以立案' } : {}, t1);
  const t2 = later(t1, rng.between(3, 30));
  step('dispatch', actors.dispatcher, {}, t2);
  const handler = actors.handlers[c.department!];
  const limit = time.workingElapsed(t2, c.deadline!);
  const acceptDelay = Math.min(90, Math.max(3, limit * rng.between(0.03, 0.12)));
  const t3 = later(t2, acceptDelay);
  step('accept', handler, {}, t3);

  let span = limit;
  let floor = acceptDelay + 5;
  if (outcome.postpone) {
    const tp = later(t2, Math.max(floor, limit * rng.between(0.4, 0.8)));
    step('postpone', actors.dispatcher, { reason: rng.pick(POSTPONE_REASONS), until: time.addWorking(c.deadline!, rng.int(1, 3), 'wd').toISOString() }, tp);
    span = time.workingElapsed(t2, c.deadline!);
    floor = time.workingElapsed(t2, tp) + 10;
  }
  const share = outcome.late ? rng.between(1.03, outcome.postpone ? 1.3 : 1.6) : 0.25 + 0.72 * rng.next() ** 0.7;
  const feedback = (at: Date) => {
    out.photos.push({ kind: 'after', at: at.toISOString(), userId: handler.id });
    afterPhotos = 1;
    step('feedback', handler, { note: rng.pick(FEEDBACK_NOTES[c.department!]) }, at);
  };
  let tf = later(t2, Math.max(floor, span * share));
  feedback(tf);
  if (outcome.rework) {
    const tv = later(tf, rng.between(30, 240));
    step('rework', actors.inspector, { note: rng.pick(REWORK_NOTES) }, tv);
    afterPhotos = 0;
    tf = later(tv, rng.between(30, 300));
    feedback(tf);
  }
  step('close', actors.inspector, { note: '核查通过' }, later(tf, rng.between(20, 300)));
  return out;
}
