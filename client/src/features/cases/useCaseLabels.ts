import { useI18n } from 'vue-i18n';
import type { AppLocale } from '../../i18n/locale';
import { isKnownDepartment } from '../auth';
import type { CaseAction, CaseCategory, CaseState } from './types';

/** Translated names of the case domain's codes. */
export interface CaseLabels {
  locale(): AppLocale;
  /** The zh or en text of a localized pair. */
  localized(text: { zh: string; en: string }): string;
  categoryName(category: Pick<CaseCategory, 'name'>): string;
  family(family: CaseCategory['family']): string;
  timeLimit(limit: CaseCategory['timeLimit']): string;
  department(department: string | null | undefined): string;
  state(state: CaseState): string;
  action(action: CaseAction | 'report'): string;
}

/** Names of categories, states, actions and departments in the UI language. */
export function useCaseLabels(): CaseLabels {
  const { t, locale } = useI18n();
  const current = () => locale.value as AppLocale;
  const localized = (text: { zh: string; en: string }) => (current() === 'en' ? text.en : text.zh);
  return {
    locale: current,
    localized,
    categoryName: (c) => localized(c.name),
    family: (f) => t(`cases.families.${f}`),
    timeLimit: (l) => t(`cases.timeLimit.${l.unit}`, { n: l.value }),
    department: (d) => (isKnownDepartment(d) ? t(`departments.${d}`) : (d ?? '—')),
    state: (s) => t(`cases.states.${s}`),
    action: (a) => t(`cases.actions.${a}`),
  };
}
