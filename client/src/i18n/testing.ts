import { categoryAdminZhCN } from './categoryAdmin.zh-CN';
import { createAppI18n, type AppI18n, type I18nOptions } from './index';
import { overviewZhCN } from './overview.zh-CN';
import { plannerZhCN } from './planner.zh-CN';
import { tokensZhCN } from '../features/tokens/messages.zh-CN';
import { loginZhCN } from './login.zh-CN';
import { caseWorkZhCN } from './caseWork.zh-CN';

/**
 * For component tests only (the app never imports it): the app's i18n in Chinese with every message area already in,
 * as if the component's page had loaded them.
 */
export function createTestI18n(options: I18nOptions = {}): AppI18n {
  const i18n = createAppI18n(options);
  i18n.global.mergeLocaleMessage('zh-CN', { planner: plannerZhCN, overview: overviewZhCN, categoryAdmin: categoryAdminZhCN, tokens: tokensZhCN, login: loginZhCN, cases: caseWorkZhCN });
  return i18n;
}
