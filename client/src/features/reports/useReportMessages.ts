import { useI18n } from 'vue-i18n';
import { reportsEn } from './messages.en';
import { reportsZhCN } from './messages.zh-CN';

/** The reports pages' own messages (a local scope that follows the app's locale and falls back to its global messages). */
export function useReportMessages() {
  return useI18n<{ message: { reports: typeof reportsZhCN } }, 'zh-CN' | 'en'>({
    useScope: 'local',
    inheritLocale: true,
    messages: { 'zh-CN': { reports: reportsZhCN }, en: { reports: reportsEn } },
  });
}
