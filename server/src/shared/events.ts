import type { CaseState } from './cases';
import type { NotificationLiveEvent } from './notifications';

/** The public fields of a case that live events carry (never descriptions or contact data). */
export interface CaseLiveEvent {
  id: number;
  number: string;
  state: CaseState;
  /** Community code, when the case lies in one. */
  community: string | null;
  /** Category code. */
  category: string;
}

/** A layer's features changed: tiles and lists of it older than `version` are stale. */
export interface LayerLiveEvent {
  layerId: string;
  version: number;
}

/** Every live event type of `GET /api/events` with its data. */
export interface LiveEventMap {
  'case.created': CaseLiveEvent;
  'case.changed': CaseLiveEvent;
  'layer.changed': LayerLiveEvent;
  /** A notification for the user whose stream it is (sent to that user's streams only). */
  notification: NotificationLiveEvent;
}

/** A live event type. */
export type LiveEventType = keyof LiveEventMap;

/** The live events an anonymous listener gets (a public map going live): layer versions only, no case details. */
export const PUBLIC_LIVE_EVENTS: readonly LiveEventType[] = ['layer.changed'];

/**
 * Why the server ended a live stream (its last event, `end`, not replayed): the session it
 * was opened with was signed out, or is no longer valid (expired, signed out elsewhere, or
 * its account disabled). The client should not reconnect with that session.
 */
export type StreamEndReason = 'signed_out' | 'session_ended';

/** The data of the `end` event. */
export interface StreamEndEvent {
  reason: StreamEndReason;
}
