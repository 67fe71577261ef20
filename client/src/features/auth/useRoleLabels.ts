import { useI18n } from 'vue-i18n';
import { isKnownDepartment, type Role, type SessionUser } from './roles';

/** Translated role and department names. */
export interface RoleLabels {
  role(role: Role): string;
  /** A handler's department (as the server spells it when unknown); empty without one. */
  department(department: string | null | undefined): string;
  /** "role" or "role · department" for handlers. */
  describe(user: Pick<SessionUser, 'role' | 'department'>): string;
}

/** Role and department names in the UI language. */
export function useRoleLabels(): RoleLabels {
  const { t } = useI18n();
  const role = (r: Role) => t(`roles.${r}`);
  const department = (d: string | null | undefined) => (isKnownDepartment(d) ? t(`departments.${d}`) : (d ?? ''));
  return {
    role,
    department,
    describe: (user) => (user.role === 'handler' && user.department ? `${role(user.role)} · ${department(user.department)}` : role(user.role)),
  };
}
