import type { Role } from '@shared/auth';
import { CASE_FILERS } from '../roles';
import type { CaseAction, CaseState, QueuesAnswer } from '../types';

/** Work queues the server names (`GET /api/cases/queues`); others are shown by their key. */
export const QUEUE_KEYS = ['to-register', 'to-verify', 'to-dispatch', 'in-progress', 'to-accept', 'to-feed-back'] as const;
/** A known work queue. */
export type QueueKey = (typeof QUEUE_KEYS)[number];

/** A tab of the cases page: one of the caller's work queues, every case, or the cases filed from this device. */
export type CaseTab =
  | { kind: 'queue'; key: string; states: CaseState[]; action: CaseAction; count: number; overdue: number; reporter?: 'me' }
  | { kind: 'all'; key: 'all'; count: number | null; overdue: number | null }
  | { kind: 'mine'; key: 'mine'; count: number };

/** Whether a string is a known queue key (with a translated name). */
export function isQueueKey(key: string): key is QueueKey {
  return (QUEUE_KEYS as readonly string[]).includes(key);
}

/**
 * The tabs a role sees: its work queues with their counts first, then every case it may see,
 * then (for those who file) the reports of this device, queued or sent.
 */
export function tabsFor(role: Role, queues: QueuesAnswer | null, outboxCount: number): CaseTab[] {
  const tabs: CaseTab[] = (queues?.queues ?? []).map((q) => ({
    kind: 'queue', key: q.key, states: q.states, action: q.action, count: q.count, overdue: q.overdue, ...(q.reporter ? { reporter: q.reporter } : {}),
  }));
  const total = queues ? Object.values(queues.counts).reduce((sum, n) => sum + n, 0) : null;
  tabs.push({ kind: 'all', key: 'all', count: total, overdue: queues?.overdue ?? null });
  if (CASE_FILERS.includes(role)) tabs.push({ kind: 'mine', key: 'mine', count: outboxCount });
  return tabs;
}

/** The tab a key names, or the first tab (the role's first queue, or every case). */
export function pickTab(tabs: readonly CaseTab[], key: string | undefined): CaseTab | undefined {
  return tabs.find((t) => t.key === key) ?? tabs[0];
}
