import type { auditZhCN } from './audit.zh-CN';

/** English strings of the audit log page (an area, loaded with it: see ./areas.ts). */
export const auditEn: typeof auditZhCN = {
  title: 'Audit log',
  intro: 'Every write and sign-in: who did what, when, to which record.',
  filter: 'Record type',
  allEntities: 'All',
  loading: 'Loading the audit log…',
  error: 'Could not load the audit log: {message}',
  retry: 'Retry',
  empty: 'No entries match.',
  range: '{from}–{to} of {total}',
  previous: 'Previous',
  next: 'Next',
  paging: 'Pages',
  columns: {
    at: 'Time',
    user: 'User',
    action: 'Action',
    entity: 'Record',
    entityId: 'Id',
    summary: 'Summary',
  },
  actions: {
    login: 'Sign in',
    create: 'Create',
    replace: 'Replace',
    patch: 'Edit',
    update: 'Edit',
    delete: 'Delete',
    import: 'Import',
  },
  entities: {
    session: 'Session',
    feature: 'Feature · {layer}',
    caseCategory: 'Case category',
  },
  summary: {
    after: 'New',
    before: 'Before deletion',
    changed: 'Changed',
    geometry: 'Geometry: {type}',
    geometryChanged: 'Geometry changed',
    empty: 'empty',
    none: '—',
  },
  system: 'system',
};
