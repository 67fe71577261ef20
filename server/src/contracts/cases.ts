import { z } from 'zod';
import { DEPARTMENTS, type Role } from './auth';
import { plainText } from './text';

/** States of a case: the closed loop of CJ/T 315 (registration, handling and closing) plus its side states. */
export const CASE_STATES = ['reported', 'registered', 'rejected', 'dispatched', 'handling', 'feedback', 'closed', 'void'] as const;
/** A case state. */
export type CaseState = (typeof CASE_STATES)[number];
/** States in which a case still needs work. */
export const OPEN_STATES: readonly CaseState[] = ['reported', 'registered', 'dispatched', 'handling', 'feedback'];
/** States whose handling clock runs. */
export const CLOCK_STATES: readonly CaseState[] = ['dispatched', 'handling'];

/** Workflow actions on an existing case. */
export const CASE_ACTIONS = ['register', 'reject', 'dispatch', 'accept', 'feedback', 'close', 'rework', 'postpone', 'void'] as const;
/** A workflow action. */
export type CaseAction = (typeof CASE_ACTIONS)[number];
/** What a timeline event records: filing (`report`) or a workflow action. */
export type CaseEventAction = 'report' | CaseAction;

/** Channels a case arrives through. */
export const CASE_CHANNELS = ['inspector', 'open311', 'hotline'] as const;
/** A channel. */
export type CaseChannel = (typeof CASE_CHANNELS)[number];

/** A handler department. */
export type Department = (typeof DEPARTMENTS)[number];

/** Category families: 部件 components (things) and 事件 events (happenings). */
export const CATEGORY_FAMILIES = ['component', 'event'] as const;
/** A category family. */
export type CategoryFamily = (typeof CATEGORY_FAMILIES)[number];
/** A minor-class code: family letter, major class, minor class (`C01-03`, `E02-01`). */
export const CATEGORY_CODE = /^[CE]\d{2}-\d{2}$/;

/** Units of a time limit: working hours or working days. */
export const TIME_UNITS = ['wh', 'wd'] as const;
/** A time-limit unit. */
export type TimeUnit = (typeof TIME_UNITS)[number];
/** Colours of a deadline clock. */
export const CLOCK_COLOURS = ['green', 'yellow', 'red'] as const;
/** A clock colour. */
export type ClockColour = (typeof CLOCK_COLOURS)[number];

/** Roles that may see reporters' contact data. */
export const CONTACT_READERS: readonly Role[] = ['supervisor', 'dispatcher', 'admin'];

const localized = z.strictObject({ zh: plainText(1, 100), en: plainText(1, 200) });
const note = plainText(1, 2000);
const version = z.number().int().min(1).optional();

/** A handling time limit. */
export const timeLimitSchema = z.strictObject({ value: z.number().positive().max(1000), unit: z.enum(TIME_UNITS) });
/** A handling time limit. */
export type TimeLimit = z.infer<typeof timeLimitSchema>;

/** Body of `PUT /api/cases/categories/:code`: the fields to change. */
export const categoryUpdateBody = z.strictObject({
  name: localized.optional(),
  timeLimit: timeLimitSchema.optional(),
  department: z.enum(DEPARTMENTS).optional(),
  duplicateRadiusM: z.number().min(1).max(2000).optional(),
  active: z.boolean().optional(),
}).refine((b) => Object.keys(b).length > 0, 'give at least one field to change');

/** Duplicate radius of a new category when none is given (the catalogue file's default). */
export const DEFAULT_DUPLICATE_RADIUS_M = 50;

/**
 * Body of `POST /api/cases/categories`: a district extension minor class under an existing
 * extension major class (`extension: true`, e.g. C07 扩展部件). Without `code` the server takes
 * the next free minor number of the major class.
 */
export const newCategoryBody = z.strictObject({
  majorCode: z.string().regex(/^[CE]\d{2}$/, 'a major-class code like C07'),
  code: z.string().regex(CATEGORY_CODE, 'a category code like C07-04').optional(),
  name: localized,
  timeLimit: timeLimitSchema,
  department: z.enum(DEPARTMENTS),
  duplicateRadiusM: z.number().min(1).max(2000).default(DEFAULT_DUPLICATE_RADIUS_M),
}).refine((b) => b.code === undefined || b.code.startsWith(`${b.majorCode}-`), { path: ['code'], message: 'the code must start with its major class (e.g. C07-)' });
/** Body of `POST /api/cases/categories`. */
export type NewCategoryBody = z.input<typeof newCategoryBody>;

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

/** Bodies of `POST /api/cases/:id/actions/:action`, per action; `version` is an alternative to If-Match. */
export const actionBodies = {
  register: z.strictObject({ note: note.optional(), version }),
  reject: z.strictObject({ reason: note, duplicateOf: z.number().int().positive().optional(), version }),
  dispatch: z.strictObject({ department: z.enum(DEPARTMENTS).optional(), note: note.optional(), version }),
  accept: z.strictObject({ note: note.optional(), version }),
  feedback: z.strictObject({ note, version }),
  close: z.strictObject({ note: note.optional(), version }),
  rework: z.strictObject({ note, version }),
  postpone: z.strictObject({ reason: note, until: z.iso.datetime({ offset: true }), version }),
  void: z.strictObject({ reason: note, version }),
} satisfies Record<CaseAction, z.ZodType>;

/** The input of any action, as the state machine takes it. */
export interface ActionInput {
  note?: string;
  reason?: string;
  department?: Department;
  until?: string;
  duplicateOf?: number;
}

/** Body of `POST /api/cases/dispatch` (bulk). */
export const bulkDispatchBody = z.strictObject({
  ids: z.array(z.number().int().positive()).min(1).max(200).refine((ids) => new Set(ids).size === ids.length, 'ids must be unique'),
  department: z.enum(DEPARTMENTS),
  note: note.optional(),
});

const dateOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
const commaList = <T extends readonly [string, ...string[]]>(values: T) =>
  z.string().transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean)).pipe(z.array(z.enum(values)).min(1));

/** Query of `GET /api/cases`. Dates are local (Asia/Shanghai) days. */
export const caseListQuery = z.strictObject({
  state: commaList(CASE_STATES).optional(),
  category: z.string().regex(CATEGORY_CODE).optional(),
  community: z.string().regex(/^\d{12}$/).optional(),
  grid: z.string().regex(/^\d{15}$/).optional(),
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

/** Groupings of `GET /api/cases/kpis`. */
export const KPI_GROUPS = ['month', 'category', 'community', 'grid', 'department', 'inspector'] as const;
/** A KPI grouping. */
export type KpiGroupBy = (typeof KPI_GROUPS)[number];

/** Query of `GET /api/cases/kpis`. */
export const kpiQuery = z.strictObject({
  groupBy: z.enum(KPI_GROUPS).default('month'),
  /** Only the cases of one community (12-digit code). */
  community: z.string().regex(/^\d{12}$/).optional(),
  from: dateOrInstant.optional(),
  to: dateOrInstant.optional(),
});

/** A minor class of the category catalogue as the API returns it. */
export interface CaseCategory {
  code: string;
  family: CategoryFamily;
  major: { code: string; name: z.infer<typeof localized> };
  name: z.infer<typeof localized>;
  timeLimit: TimeLimit;
  /** Later stages of a staged limit (e.g. illegal structures: stop work, penalty, demolition). */
  stages?: { name: z.infer<typeof localized>; timeLimit: TimeLimit }[];
  department: Department;
  duplicateRadiusM: number;
  /** A district extension of the standard catalogue. */
  extension: boolean;
  active: boolean;
  demo: boolean;
  /** Bumped on every change; the ETag `"category-<code>-<version>"` carries it for If-Match. */
  version: number;
}

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
  category: { code: string; name: z.infer<typeof localized> };
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

/** Photo kinds: `before` (the problem, at filing) and `after` (the department's proof, needed for feedback). */
export const PHOTO_KINDS = ['before', 'after'] as const;
/** A photo kind. */
export type PhotoKind = (typeof PHOTO_KINDS)[number];
/** Image types accepted, as sniffed from the bytes (never from the name or the declared type). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** Upload limits: photos of one kind per case, bytes per file and pixels per image (a 50 MP phone photo). */
export const PHOTO_LIMITS = { perKind: 5, maxBytes: 10 * 1024 * 1024, maxPixels: 50_000_000 } as const;
/** Form fields of `POST /api/cases/:id/photos` (the files go in `photos`). */
export const photoUploadFields = z.strictObject({ kind: z.enum(PHOTO_KINDS).default('before') });

/** A case photo's metadata; `url` and `thumbUrl` stream the original and its thumbnail. */
export interface CasePhoto {
  id: number;
  kind: PhotoKind;
  mime: (typeof PHOTO_TYPES)[number];
  bytes: number;
  width: number;
  height: number;
  /** From EXIF DateTimeOriginal, when present. */
  takenAt: string | null;
  /** From EXIF GPS (WGS84), when present. */
  lon: number | null;
  lat: number | null;
  sha256: string;
  uploadedAt: string;
  demo: boolean;
  url: string;
  thumbUrl: string;
}

/** Names of the handler departments. */
export const DEPARTMENT_NAMES: Record<Department, z.infer<typeof localized>> = {
  sanitation: { zh: '环卫所', en: 'Sanitation' },
  municipal: { zh: '市政所', en: 'Municipal works' },
  greening: { zh: '园林所', en: 'Landscaping' },
  enforcement: { zh: '城管执法中队', en: 'Enforcement' },
};

/** The KPIs of one group of cases (see `computeKpis` for the formulas); rates are fractions, null when undefined. */
export interface KpiFigures {
  registered: number;
  dueToClose: number;
  closed: number;
  closedOnTime: number;
  postponedOpen: number;
  postponed: number;
  verified: number;
  reworked: number;
  closureRate: number | null;
  onTimeClosureRate: number | null;
  reworkRate: number | null;
  postponementRate: number | null;
  avgHandlingHours: number | null;
}

/** One row of `GET /api/cases/kpis`. */
export interface KpiRow extends KpiFigures {
  key: string | null;
  label: z.infer<typeof localized>;
}
