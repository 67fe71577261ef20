import type { Role } from '@shared/auth';
import type { Db } from '../db/database';
import { createAuthService, createLoginFailureRepository, createSessionRepository, createUserRepository } from '../features/auth';

/** The password of every demo account (demo data: switch them off in a real deployment). */
export const DEMO_PASSWORD = 'qingbo2011';

/** One demo account per role (handlers: one per department). */
export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; department?: string }[] = [
  { username: 'admin', displayName: '系统管理员（演示）', role: 'admin' },
  { username: 'planner', displayName: '城建科 王规划（演示）', role: 'planner' },
  { username: 'inspector', displayName: '巡查员 李巡（演示）', role: 'inspector' },
  { username: 'supervisor', displayName: '监督中心 赵督（演示）', role: 'supervisor' },
  { username: 'dispatcher', displayName: '指挥中心 钱调（演示）', role: 'dispatcher' },
  { username: 'sanitation', displayName: '环卫所 孙洁（演示）', role: 'handler', department: 'sanitation' },
  { username: 'municipal', displayName: '市政所 周路（演示）', role: 'handler', department: 'municipal' },
  { username: 'greening', displayName: '园林所 吴绿（演示）', role: 'handler', department: 'greening' },
  { username: 'enforcement', displayName: '城管执法中队 郑法（演示）', role: 'handler', department: 'enforcement' },
  { username: 'leader', displayName: '街道领导 陈主任（演示）', role: 'leader' },
];

/** Creates the demo accounts that are missing (existing ones are left as they are). Returns how many were created. */
export async function seedDemoAccounts(db: Db): Promise<number> {
  const users = createUserRepository(db);
  const auth = createAuthService({ users, sessions: createSessionRepository(db), failures: createLoginFailureRepository(db) });
  let created = 0;
  for (const a of DEMO_ACCOUNTS) {
    if (users.findByUsername(a.username)) continue;
    await auth.createUser({ ...a, password: DEMO_PASSWORD, demo: true });
    created += 1;
  }
  return created;
}

/** The enabled demo accounts, for the start-up banner. */
export function enabledDemoAccounts(db: Db): { username: string; role: Role; displayName: string }[] {
  return createUserRepository(db).list().filter((u) => u.demo && !u.disabled);
}
