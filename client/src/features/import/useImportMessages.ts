import { useI18n } from 'vue-i18n';
import { importProblemsEn } from './messages.en';
import { importProblemsZhCN } from './messages.zh-CN';

/** The import report's problem messages (a local scope that follows the app's locale and falls back to its global messages). */
export function useImportMessages() {
  return useI18n<{ message: { importProblems: typeof importProblemsZhCN } }, 'zh-CN' | 'en'>({
    useScope: 'local',
    inheritLocale: true,
    messages: { 'zh-CN': { importProblems: importProblemsZhCN }, en: { importProblems: importProblemsEn } },
  });
}
