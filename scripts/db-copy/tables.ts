/**
 * The tables `db:copy` moves, parents before children (foreign keys are checked as rows arrive).
 * Everything a city's console must keep: the map, the cases with their immutable events, the people
 * and their keys, what they were told, and the audit trail.
 */
export const COPIED_TABLES = [
  'users',
  'layers',
  'features',
  'feature_changes',
  'feature_photos',
  'indicators',
  'case_categories',
  'case_calendar',
  'cases',
  'case_events',
  'case_photos',
  'api_keys',
  'access_tokens',
  'audit_log',
  'notifications',
  'notification_clocks',
  'webhooks',
  'webhook_deliveries',
] as const;

/** A table `db:copy` moves. */
export type CopiedTable = (typeof COPIED_TABLES)[number];

/**
 * Tables left behind on purpose, with the reason printed by `db:copy`. Any other table of the source
 * stops the copy: a new table must be placed in one list or the other, never skipped silently.
 */
export const SKIPPED_TABLES: Readonly<Record<string, string>> = {
  sessions: 'sign-ins are not moved: everyone signs in again on the new servers',
  login_failures: 'sign-in throttling counters start afresh',
  rate_limits: 'rate-limit windows start afresh',
  idempotency_keys: 'retry keys are short-lived; the cases they filed are copied',
  events: 'live-event outbox: clients reload on connecting to the new servers',
  schema_migrations: 'the target records its own migrations',
};

/** SQLite's own tables and the R*Tree's shadow tables (PostGIS indexes `features.geom` instead). */
export const isInternalTable = (name: string): boolean => name.startsWith('sqlite_') || name.startsWith('features_rtree');
