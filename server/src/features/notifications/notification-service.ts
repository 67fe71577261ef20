import type { Role } from '@shared/auth';
import type { CaseEventAction } from '@shared/cases';
import { NOTIFICATIONS_KEPT, type NotificationEvent, type NotificationItem, type NotificationLiveEvent } from '@shared/notifications';
import type { Logger } from 'pino';
import type { Db } from '../../db/database';
import type { Calendar } from '../calendar';
import { caseClock, type CaseChange, type CaseRecord, type CategoryRepository } from '../cases';
import type { EventBus } from '../events';
import type { DeliveryWorker } from './delivery-worker';
import type { NotificationRepository, RecipientQuery } from './notification-repository';
import type { PublicCase, WebhookPayload } from './robot-messages';
import type { WebhookRepository } from './webhook-repository';

/** The case reads notifications need. */
export interface CaseSource {
  get(id: number): CaseRecord | undefined;
  withRunningClock(): CaseRecord[];
}

/** What the notification service needs. */
export interface NotificationServiceDeps {
  db: Db;
  notifications: NotificationRepository;
  webhooks: WebhookRepository;
  worker: DeliveryWorker;
  bus: EventBus;
  cases: CaseSource;
  categories: Pick<CategoryRepository, 'get'>;
  calendar: Calendar;
  log: Logger;
  /** Base of the links to case pages in robot messages (none when absent). */
  publicBaseUrl?: string;
}

/** The workflow actions that notify, and their event. */
const ACTION_EVENTS: Partial<Record<CaseEventAction, NotificationEvent>> = {
  dispatch: 'case.dispatched',
  feedback: 'case.feedback',
  rework: 'case.returned',
};

const HANDLERS: readonly Role[] = ['handler'];
const SUPERVISION: readonly Role[] = ['supervisor'];

/**
 * Who hears of an event (case-standards.md): the department's handlers of a dispatch, a return
 * for rework and a deadline turning yellow; the supervision centre (and the inspector who filed it,
 * who verifies their own reports) of feedback waiting for verification; the department and the
 * supervision centre of an overdue case.
 */
function recipientsOf(event: NotificationEvent, c: CaseRecord): RecipientQuery {
  switch (event) {
    case 'case.dispatched':
    case 'case.returned':
    case 'case.deadline_near':
      return { roles: HANDLERS, department: c.department };
    case 'case.feedback':
      return { roles: SUPERVISION, userIds: [c.reporterId] };
    case 'case.overdue':
      return { roles: [...HANDLERS, ...SUPERVISION], department: c.department };
  }
}

/**
 * Turns case changes and deadline clocks into per-user notifications (pushed live to their own
 * streams) and queued webhook deliveries. Both are written in one transaction after the case
 * write has committed; an error here is logged and never reaches the workflow.
 */
export function createNotificationService(deps: NotificationServiceDeps) {
  const { db, notifications, webhooks, worker, bus, cases, categories, calendar, log } = deps;

  function publicCase(c: CaseRecord): PublicCase {
    const name = categories.get(c.categoryCode)?.name;
    return {
      id: c.id, number: c.number, state: c.state, category: c.categoryCode, categoryName: name ? { zh: name.zh, en: name.en } : null,
      community: c.communityCode, communityName: c.communityName, department: c.department, deadline: c.deadline,
      url: deps.publicBaseUrl ? `${deps.publicBaseUrl}/cases/${c.id}` : null,
    };
  }

  /**
   * Stores and queues one event of a case (once per key), then pushes it live; `claim` runs first in the
   * same transaction, and when it answers false (another process notified already) nothing is stored.
   * Returns whether the event was emitted.
   */
  function emit(event: NotificationEvent, c: CaseRecord, key: string, at: Date, claim?: () => boolean): boolean {
    const iso = at.toISOString();
    const pub = publicCase(c);
    const made = db.transaction(() => {
      const out: { userId: number; item: NotificationItem }[] = [];
      if (claim && !claim()) return undefined;
      const data = { category: pub.categoryName ?? undefined, department: c.department, deadline: c.deadline };
      for (const userId of notifications.recipients(recipientsOf(event, c))) {
        const item = notifications.insert(userId, { event, caseId: c.id, caseNumber: c.number, data, dedupeKey: key }, iso, NOTIFICATIONS_KEPT);
        if (item) out.push({ userId, item });
      }
      const payload: WebhookPayload = { event, at: iso, case: pub };
      let queued = 0;
      for (const hook of webhooks.subscribers(event)) if (webhooks.enqueue(hook, event, c.number, payload, key, iso)) queued += 1;
      return { out, queued };
    })();
    if (!made) return false;
    for (const { userId, item } of made.out) {
      const live: NotificationLiveEvent = { notification: item, unread: notifications.unread(userId) };
      bus.publish('notification', live, userId);
    }
    if (made.queued > 0) worker.kick();
    return true;
  }

  function guarded(what: string, run: () => void): void {
    try {
      run();
    } catch (err) {
      log.error({ err }, `notifications: ${what} failed`);
    }
  }

  return {
    /** A committed case change: notifies for dispatch, feedback and rework. */
    caseChanged(change: CaseChange): void {
      const event = ACTION_EVENTS[change.action];
      if (!event) return;
      guarded(change.action, () => {
        const c = cases.get(change.id);
        if (c) emit(event, c, `${event}:${c.id}:${change.at}`, new Date(change.at));
      });
    },

    /**
     * Checks the running clocks: a case whose deadline clock turned yellow (`case.deadline_near`) or red
     * (`case.overdue`) since the last check notifies once per deadline (a new deadline, after a postponement
     * or a new dispatch, starts again), also when several processes scan at once: the level is claimed in
     * `notification_clocks` in the transaction that stores the notices. Returns how many events it emitted.
     */
    scanClocks(now = new Date()): number {
      let emitted = 0;
      guarded('clock scan', () => {
        const { time } = calendar.load();
        for (const c of cases.withRunningClock()) {
          const clock = caseClock(c, now, time);
          if (!clock || !c.deadline) continue;
          const level = clock.colour === 'red' ? 2 : clock.colour === 'yellow' ? 1 : 0;
          const seen = notifications.clock(c.id);
          if (level <= (seen && seen.deadline === c.deadline ? seen.level : 0)) continue;
          const event = level === 2 ? 'case.overdue' : 'case.deadline_near';
          const deadline = c.deadline;
          if (emit(event, c, `${event}:${c.id}:${deadline}`, now, () => notifications.claimClock(c.id, deadline, level))) emitted += 1;
        }
      });
      return emitted;
    },
  };
}

/** The notification service's interface. */
export type NotificationService = ReturnType<typeof createNotificationService>;
