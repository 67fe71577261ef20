import type { CaseAction, CaseState, CaseSummary, Department } from '@shared/cases';

export type {
  CaseAction, CaseCategory, CaseClock, CaseDetail, CaseEventView, CasePhoto, CaseState, CaseSummary, ClockColour, Department, PhotoKind,
} from '@shared/cases';
export type { CaseLiveEvent as CaseEventMessage } from '@shared/events';

/** `GET /api/cases/locate`: where a point lies (null where no district layer covers it). */
export interface CaseLocation {
  communityCode: string | null;
  communityName: string | null;
  gridCode: string | null;
  street: string | null;
}

/** One of the caller's work queues in `GET /api/cases/queues`. */
export interface WorkQueue {
  key: string;
  states: CaseState[];
  action: CaseAction;
  count: number;
  overdue: number;
  /** `me`: the queue holds the caller's own reports only (an inspector verifies the cases it reported). */
  reporter?: 'me';
}

/** `GET /api/cases/queues`: counts per state of the cases the caller may see, and the caller's queues. */
export interface QueuesAnswer {
  counts: Record<CaseState, number>;
  overdue: number;
  queues: WorkQueue[];
}

/** `GET /api/cases`: a page of cases. */
export interface CaseList {
  cases: CaseSummary[];
  total: number;
  limit: number;
  offset: number;
}

/** A possible duplicate: an open case of the same category nearby. */
export interface DuplicateCase extends CaseSummary {
  distanceM: number;
}

/** `GET /api/cases/duplicates`. */
export interface DuplicatesAnswer {
  radiusM: number;
  days: number;
  cases: DuplicateCase[];
}

/** `POST /api/photos/exif`: a photo's EXIF position and time (null when it has none). */
export interface ExifAnswer {
  lon: number | null;
  lat: number | null;
  takenAt: string | null;
}

/** What the client files: `POST /api/cases`' body. */
export interface NewCaseRequest {
  category: string;
  lon: number;
  lat: number;
  description: string;
  address?: string;
  idempotencyKey: string;
}

/** Inputs of the workflow actions, as the forms send them. */
export interface ActionRequest {
  note?: string;
  reason?: string;
  department?: Department;
  until?: string;
  version?: number;
}
