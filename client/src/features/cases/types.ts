import type { Department } from '@shared/cases';

export type {
  CaseAction, CaseCategory, CaseClock, CaseDetail, CaseEventView, CaseList, CaseLocation, CasePhoto, CaseState, CaseSummary, ClockColour,
  Department, DuplicateCase, DuplicatesAnswer, ExifAnswer, PhotoKind, QueuesAnswer, WorkQueue,
} from '@shared/cases';
export type { CaseLiveEvent as CaseEventMessage } from '@shared/events';

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
