import type { SessionUser } from '@shared/auth';
import { CONTACT_READERS, type CaseCategory, type CasePhoto, type CaseClock, type CaseDetail, type CaseEventView, type CaseSummary } from '@shared/cases';
import type { CaseRecord } from './case-repository';
import type { MachineCase } from './state-machine';

/** Whether a user may see a case at all: handlers see their own department's cases only. */
export function canSee(user: Pick<SessionUser, 'role' | 'department'>, c: Pick<CaseRecord, 'department'>): boolean {
  return user.role !== 'handler' || (user.department !== null && c.department === user.department);
}

/** The state machine's view of a stored case and its category. */
export function machineCase(c: CaseRecord, category: CaseCategory, afterPhotos = 0): MachineCase {
  return {
    state: c.state, department: c.department, deadline: c.deadline, postponed: c.postponed, reworkCount: c.reworkCount, reporterId: c.reporterId, afterPhotos,
    category: { timeLimit: category.timeLimit, department: category.department },
  };
}

/** A case as lists show it. */
export function toSummary(c: CaseRecord, category: CaseCategory | undefined, clock: CaseClock | null, overdue: boolean): CaseSummary {
  return {
    id: c.id,
    number: c.number,
    category: { code: c.categoryCode, name: category?.name ?? { zh: c.categoryCode, en: c.categoryCode } },
    state: c.state,
    department: c.department,
    lon: c.lon,
    lat: c.lat,
    address: c.address,
    community: c.communityCode ? { code: c.communityCode, name: c.communityName ?? c.communityCode } : null,
    grid: c.gridCode,
    description: c.description,
    channel: c.channel,
    reportedAt: c.reportedAt,
    deadline: c.deadline,
    clock,
    overdue,
    postponed: c.postponed,
    reworkCount: c.reworkCount,
    duplicateOf: c.duplicateOf,
    demo: c.demo,
    version: c.version,
  };
}

/** A case with its timeline and next actions; contact data only for the roles that may read it. */
export function toDetail(summary: CaseSummary, c: CaseRecord, extra: { events: CaseEventView[]; nextActions: CaseDetail['nextActions']; photos: CasePhoto[]; viewer: Pick<SessionUser, 'role'> }): CaseDetail {
  return {
    ...summary,
    registeredAt: c.registeredAt,
    dispatchedAt: c.dispatchedAt,
    acceptedAt: c.acceptedAt,
    feedbackAt: c.feedbackAt,
    closedAt: c.closedAt,
    reporterId: c.reporterId,
    ...(CONTACT_READERS.includes(extra.viewer.role) ? { contact: c.contact } : {}),
    events: extra.events,
    nextActions: extra.nextActions,
    photos: extra.photos,
  };
}

/** The strong ETag of a case version. */
export const caseEtag = (c: Pick<CaseRecord, 'id' | 'version'>) => `"case-${c.id}-${c.version}"`;
