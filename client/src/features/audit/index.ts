/** The audit log's pages, loaded when their route is first visited. */
export const auditPages = {
  /** `/admin/audit`: the audit log. */
  audit: () => import('./AuditPage.vue'),
};
