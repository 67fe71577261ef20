import type { SessionUser } from '@shared/auth';
import { CASE_NUMBER, type ActionInput, type CaseAction, type CaseCategory, type CaseChannel, type CaseEventAction, type CaseState, type Department, type NewCaseBody, type PhotoKind } from '@shared/cases';
import type { Db } from '../../db/database';
import { BadRequestError, HttpError, NotFoundError } from '../../errors';
import type { AuditRepository } from '../audit';
import { localYear, type Calendar } from '../calendar';
import { caseClock } from './case-clock';
import type { CaseEventRepository } from './case-event-repository';
import type { CaseLayerWriter } from './case-layer';
import type { CaseLocator } from './case-location';
import type { CaseRecord, CaseRepository } from './case-repository';
import { canSee, caseEtag, machineCase } from './case-view';
import type { CategoryRepository } from './category-repository';
import type { PreparedPhoto } from '../photos';
import { apply } from './state-machine';

/** A change to a case, for listeners such as the live-update stream. */
export interface CaseChange {
  id: number;
  number: string;
  action: CaseEventAction;
  from: CaseState | null;
  to: CaseState;
  at: string;
  /** Community code (public). */
  community: string | null;
  /** Category code (public). */
  category: string;
}

/** A report to file: the API body, or one from another channel (Open311). */
export type NewCaseInput = Omit<NewCaseBody, 'channel'> & { channel: CaseChannel };

/** Who files a case: a signed-in user, or an outside channel (id null, a name for the audit log). */
export interface Filer {
  id: number | null;
  username: string;
}

/** What filing may bring besides the report: "before" photos, and facts for the report event's data. */
export interface FilingExtras {
  photos?: readonly PreparedPhoto[];
  eventData?: Record<string, unknown>;
}

/** What the case service needs of the photo store. */
export interface CasePhotos {
  /** Photos of a kind uploaded to a case at or after an instant. */
  countSince(caseId: number, kind: PhotoKind, since: string): number;
  /** Writes prepared photos and stores their rows (inside the caller's transaction). */
  store(caseId: number, kind: PhotoKind, prepared: readonly PreparedPhoto[], userId: number | null, at: string): unknown;
}

/** The version a write expects: an If-Match header and/or a `version` field. */
export interface Precondition {
  ifMatch?: string;
  version?: number;
}

/** What the case write service needs. */
export interface CaseServiceDeps {
  db: Db;
  cases: CaseRepository;
  events: CaseEventRepository;
  categories: CategoryRepository;
  /** The district's working calendar (deadlines, clocks, the year of a case number). */
  calendar: Calendar;
  locator: CaseLocator;
  layer: CaseLayerWriter;
  audit: AuditRepository;
  photos: CasePhotos;
  /** Called after each committed change. */
  onChange?: (change: CaseChange) => void;
}

/** Finds a case by id (`123`) or number (`QB2011-000123`). */
export function findCase(cases: CaseRepository, ref: string): CaseRecord | undefined {
  if (/^\d{1,12}$/.test(ref)) return cases.get(Number(ref));
  if (CASE_NUMBER.test(ref)) return cases.getByNumber(ref);
  return undefined;
}

function checkPrecondition(c: CaseRecord, p: Precondition): void {
  const tags = p.ifMatch?.split(',').map((t) => t.trim());
  const stale = (tags && !tags.includes('*') && !tags.includes(caseEtag(c))) || (p.version !== undefined && p.version !== c.version);
  if (stale) throw new HttpError(412, 'precondition_failed', `case ${c.number} was changed by someone else (now version ${c.version}); reload it and try again`);
}

/**
 * Files cases and moves them through the closed loop. Every write is one
 * transaction: the case row, its timeline event, its feature in the `cases`
 * layer and an audit-log entry.
 */
export function createCaseService(deps: CaseServiceDeps) {
  const { db, cases, events, categories, calendar, locator, layer, audit, photos } = deps;

  function categoryOf(code: string): CaseCategory {
    const category = categories.get(code);
    if (!category) throw new NotFoundError(`category "${code}" does not exist`);
    return category;
  }

  function syncLayer(id: number, now: Date): CaseRecord {
    const c = cases.get(id)!;
    const featureId = layer.write(c, categories.get(c.categoryCode), caseClock(c, now, calendar.load().time), now.toISOString());
    if (featureId !== c.featureId) cases.setFeatureId(id, featureId);
    return cases.get(id)!;
  }

  function record(actor: Filer, c: CaseRecord, action: CaseEventAction, summary: Record<string, unknown>, at: string): void {
    audit.record({ userId: actor.id, username: actor.username, action, entity: 'case', entityId: c.number, summary }, at);
  }

  /** "After" photos since the case last went into handling (accept or rework). */
  function afterPhotos(c: CaseRecord): number {
    if (c.state !== 'handling') return 0;
    const since = events.lastAt(c.id, ['accept', 'rework']) ?? c.acceptedAt;
    return since ? photos.countSince(c.id, 'after', since) : 0;
  }

  function transition(c: CaseRecord, action: CaseAction, input: ActionInput, actor: SessionUser, now: Date): CaseRecord {
    const { changes, event } = apply(machineCase(c, categoryOf(c.categoryCode), afterPhotos(c)), action, actor, input, now, calendar.load().time);
    if (changes.duplicateOf !== undefined && (changes.duplicateOf === c.id || !cases.get(changes.duplicateOf))) {
      throw new BadRequestError(`duplicateOf: case ${changes.duplicateOf} does not exist or is this case`);
    }
    const at = now.toISOString();
    if (!cases.update(c.id, changes, c.version, at)) throw new HttpError(412, 'precondition_failed', `case ${c.number} was changed meanwhile; reload it and try again`);
    events.append({ caseId: c.id, at, userId: actor.id, ...event });
    record(actor, c, action, { from: event.from, to: event.to, ...(event.note ? { note: event.note } : {}), ...event.data }, at);
    return syncLayer(c.id, now);
  }

  function visible(ref: string, actor: SessionUser): CaseRecord {
    const c = findCase(cases, ref);
    if (!c || !canSee(actor, c)) throw new NotFoundError(`case "${ref}" does not exist`);
    return c;
  }

  const notify = (c: CaseRecord, action: CaseEventAction, from: CaseState | null, at: Date) =>
    deps.onChange?.({ id: c.id, number: c.number, action, from, to: c.state, at: at.toISOString(), community: c.communityCode, category: c.categoryCode });

  return {
    /**
     * Files a case (state `reported`) with its "before" photos, deriving its community,
     * grid and street. A repeated idempotency key returns the case it first created
     * (and stores no photos again).
     */
    file(body: NewCaseInput, actor: Filer, now = new Date(), extras: FilingExtras = {}): { record: CaseRecord; created: boolean } {
      const category = categoryOf(body.category);
      if (!category.active) throw new BadRequestError(`category "${category.code}" is no longer in use`);
      locator.assertInDistrict(body.lon, body.lat);
      const place = locator.locate(body.lon, body.lat);
      const result = db.transaction(() => {
        const existing = cases.getByIdempotencyKey(body.idempotencyKey);
        if (existing) {
          if (existing.reporterId !== actor.id) throw new HttpError(409, 'idempotency_conflict', 'this idempotency key was used for another report');
          return { record: existing, created: false };
        }
        const at = now.toISOString();
        const id = cases.insert({
          number: cases.nextNumber(localYear(now, calendar.load().offsetMinutes)), categoryCode: category.code,
          description: body.description, lon: body.lon, lat: body.lat, address: body.address ?? place.street,
          communityCode: place.communityCode, communityName: place.communityName, gridCode: place.gridCode,
          state: 'reported', department: null, reportedAt: at, registeredAt: null, dispatchedAt: null, acceptedAt: null,
          feedbackAt: null, closedAt: null, deadline: null, postponed: false, reworkCount: 0, reporterId: actor.id,
          channel: body.channel, contact: body.contact ?? null, idempotencyKey: body.idempotencyKey, duplicateOf: null, demo: false,
        }, at);
        const c = cases.get(id)!;
        const photoCount = extras.photos?.length ?? 0;
        events.append({ caseId: id, at, userId: actor.id, action: 'report', from: null, to: 'reported', note: null, data: { category: category.code, channel: body.channel, ...(photoCount ? { photos: photoCount } : {}), ...extras.eventData } });
        record(actor, c, 'report', { category: category.code, community: place.communityCode, grid: place.gridCode, channel: body.channel }, at);
        const synced = syncLayer(id, now);
        if (photoCount) photos.store(id, 'before', extras.photos!, actor.id, at);
        return { record: synced, created: true };
      })();
      if (result.created) notify(result.record, 'report', null, now);
      return result;
    },

    /** Takes one workflow action on a case the actor can see; 412 when the precondition is stale. */
    act(ref: string, action: CaseAction, input: ActionInput, actor: SessionUser, precondition: Precondition = {}, now = new Date()): CaseRecord {
      const { before, after } = db.transaction(() => {
        const c = visible(ref, actor);
        checkPrecondition(c, precondition);
        return { before: c, after: transition(c, action, input, actor, now) };
      })();
      notify(after, action, before.state, now);
      return after;
    },

    /** Dispatches many cases to one department: all or none; a 409 lists each refusal. */
    dispatchMany(ids: readonly number[], department: Department, note: string | undefined, actor: SessionUser, now = new Date()): CaseRecord[] {
      const done = db.transaction(() => {
        const failures: { id: number; status: number; code: string; message: string }[] = [];
        const out: { before: CaseState; after: CaseRecord }[] = [];
        for (const id of ids) {
          try {
            const c = visible(String(id), actor);
            out.push({ before: c.state, after: transition(c, 'dispatch', { department, note }, actor, now) });
          } catch (err) {
            if (!(err instanceof HttpError)) throw err;
            failures.push({ id, status: err.status, code: err.code, message: err.message });
          }
        }
        if (failures.length) throw new HttpError(409, 'bulk_dispatch_failed', `${failures.length} of ${ids.length} cases cannot be dispatched; none was`, failures);
        return out;
      })();
      for (const { before, after } of done) notify(after, 'dispatch', before, now);
      return done.map((d) => d.after);
    },

    /** Rewrites the `cases` layer features of cases whose clock is running (their colour changes with time); returns how many there were. */
    refreshClocks(now = new Date()): number {
      return db.transaction(() => {
        const running = cases.withRunningClock();
        for (const c of running) syncLayer(c.id, now);
        return running.length;
      })();
    },
  };
}

/** The case write service's interface. */
export type CaseService = ReturnType<typeof createCaseService>;
