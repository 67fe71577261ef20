/** One audit entry: who did what to which record, with a before/after summary (`GET /api/audit`). */
export interface AuditEntry {
  id: number;
  /** ISO 8601 instant (UTC). */
  at: string;
  userId: number | null;
  username: string | null;
  /** e.g. `login`, `login_failed`, `create`, `replace`, `patch`, `delete`, or a case action. */
  action: string;
  /** e.g. `session`, `feature:{layerId}` or `case`. */
  entity: string;
  entityId: string | null;
  /** A before/after summary; its shape depends on the action. */
  summary: Record<string, unknown>;
}

/** One page of the audit log, newest first, and how many entries match in all. */
export interface AuditPage {
  entries: AuditEntry[];
  total: number;
}
