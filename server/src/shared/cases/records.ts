import { z } from 'zod';
import { DEPARTMENTS, type Role } from '../auth';
import { plainText } from '../text';
import { CATEGORY_CODE, COMMUNITY_CODE, GRID_CODE } from './constants';
import { commaList, dateOrInstant, type Localized } from './common';
import type { CasePhoto } from './photos';
import { CASE_STATES, type CaseAction, type CaseEventAction, type CaseState, type Department } from './workflow';

/** Channels a case arrives through. */
export const CASE_CHANNELS = ['inspector', 'open311', 'hotline'] as const;
/** A channel. */
export type CaseChannel = (typeof CASE_CHANNELS)[number];

/** Colours of a deadline clock. */
export const CLOCK_COLOURS = ['green', 'yellow', 'red'] as const;
/** A clock colour. */
export type ClockColour = (typeof CLOCK_COLOURS)[number];

/** Roles that may see reporters' contact data. */
export const CONTACT_READERS: readonly Role[] = ['supervisor', 'dispatcher', 'admin'];

/** A reporter's contact data (private: never in layers, tiles or public APIs). */
export const contactSchema = z.strictObject({
  name: plainText(1, 100).optional(),
  phone: plainText(3, 40).optional(),
  email: z.email().max(200).optional(),
});
/** A reporter's contact data. */
export type Contact = z.infer<typeof contactSchema>;

/** Body of `POST /api/cases`. */
export const newCaseBody = z.strictObject({
  category: z.string().regex(CATEGORY_CODE, 'a category code like C01-03'),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  description: plainText(1, 4000),
  address: plainText(1, 200).optional(),
  /** Made by the client once per case: a repeated POST returns the first case. */
  idempotencyKey: z.uuid(),
  channel: z.enum(['inspector', 'hotline']).default('inspector'),
  contact: contactSchema.optional(),
});
/** Body of `POST /api/cases`. */
export type NewCaseBody = z.infer<typeof newCaseBody>;

/** Query of `GET /api/cases`. Dates are local (Asia/Shanghai) days. */
export const caseListQuery = z.strictObject({
  state: commaList(CASE_STATES).optional(),
  category: z.string().regex(CATEGORY_CODE).optional(),
  community: z.string().regex(COMMUNITY_CODE).optional(),
  grid: z.string().regex(GRID_CODE).optional(),
  department: z.enum(DEPARTMENTS).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  from: dateOrInstant.optional(),
  to: dateOrInstant.optional(),
  q: plainText(1, 100).optional(),
  /** `me`: only the cases the caller reported. */
  reporter: z.literal('me').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
/** Query of `GET /api/cases`. */
export type CaseListQuery = z.infer<typeof caseListQuery>;

/** Query of `GET /api/cases/duplicates` and `GET /api/cases/locate`. */
export const pointQuery = z.strictObject({
  category: z.string().regex(CATEGORY_CODE).optional(),
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
});

/** A deadline clock: working minutes used of the limit, stopped at feedback. */
export interface CaseClock {
  colour: ClockColour;
  elapsedMinutes: number;
  limitMinutes: number;
  deadline: string;
  /** True while the clock runs (dispatched or handling). */
  running: boolean;
}

/** A case in lists and queues. */
export interface CaseSummary {
  id: number;
  number: string;
  category: { code: string; name: Localized };
  state: CaseState;
  department: Department | null;
  lon: number;
  lat: number;
  address: string | null;
  community: { code: string; name: string } | null;
  grid: string | null;
  description: string;
  channel: CaseChannel;
  reportedAt: string;
  deadline: string | null;
  clock: CaseClock | null;
  overdue: boolean;
  postponed: boolean;
  reworkCount: number;
  duplicateOf: number | null;
  demo: boolean;
  version: number;
}

/** One entry of a case's timeline. */
export interface CaseEventView {
  id: number;
  at: string;
  action: CaseEventAction;
  from: CaseState | null;
  to: CaseState;
  note: string | null;
  data: Record<string, unknown>;
  user: { id: number; username: string; displayName: string; role: Role } | null;
}

/** A case with its timeline and what the caller may do next. */
export interface CaseDetail extends CaseSummary {
  registeredAt: string | null;
  dispatchedAt: string | null;
  acceptedAt: string | null;
  feedbackAt: string | null;
  closedAt: string | null;
  reporterId: number | null;
  /** Only for supervisors, dispatchers and admins. */
  contact?: Contact | null;
  events: CaseEventView[];
  nextActions: CaseAction[];
  photos: CasePhoto[];
}

/** `GET /api/cases`: a page of cases. */
export interface CaseList {
  cases: CaseSummary[];
  total: number;
  limit: number;
  offset: number;
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

/** A possible duplicate: an open case of the same category nearby. */
export interface DuplicateCase extends CaseSummary {
  distanceM: number;
}

/** `GET /api/cases/duplicates`: open cases of a category within its duplicate radius of the last `days` days. */
export interface DuplicatesAnswer {
  radiusM: number;
  days: number;
  cases: DuplicateCase[];
}

/** `GET /api/cases/locate`: where a point lies, its community, unit grid and nearest named street (null where no district layer covers it). */
export interface CaseLocation {
  communityCode: string | null;
  communityName: string | null;
  gridCode: string | null;
  street: string | null;
}

/** `GET /api/cases/{id}`, `POST /api/cases` and `POST /api/cases/{id}/actions/{action}`: one case in detail. */
export interface CaseAnswer {
  case: CaseDetail;
}

/** `POST /api/cases/dispatch`: the cases dispatched, in detail. */
export interface DispatchAnswer {
  cases: CaseDetail[];
}
