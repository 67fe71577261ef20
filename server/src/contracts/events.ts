import type { CaseState } from './cases';

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
}

/** A live event type. */
export type LiveEventType = keyof LiveEventMap;
