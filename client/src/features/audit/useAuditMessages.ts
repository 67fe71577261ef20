import { useI18n } from 'vue-i18n';
import { auditLogEn } from './messages.en';
import { auditLogZhCN } from './messages.zh-CN';

/** Every action code the audit log records, in the order the filter lists them. */
export const AUDIT_ACTIONS = Object.keys(auditLogZhCN.actions) as (keyof typeof auditLogZhCN.actions)[];

/** The audit log's own messages (a local scope that follows the app's locale and falls back to its global messages). */
export function useAuditMessages() {
  return useI18n<{ message: { auditLog: typeof auditLogZhCN } }, 'zh-CN' | 'en'>({
    useScope: 'local',
    inheritLocale: true,
    messages: { 'zh-CN': { auditLog: auditLogZhCN }, en: { auditLog: auditLogEn } },
  });
}
