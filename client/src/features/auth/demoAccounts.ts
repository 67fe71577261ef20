import type { Department, Role } from './roles';

/** The password of the demo district's accounts (shown on the login page; demo data only). */
export const DEMO_PASSWORD = 'qingbo2011';

/** The demo district's accounts, one per role and one per handler department. */
export const DEMO_ACCOUNTS: readonly { username: string; role: Role; department?: Department }[] = [
  { username: 'admin', role: 'admin' },
  { username: 'planner', role: 'planner' },
  { username: 'inspector', role: 'inspector' },
  { username: 'supervisor', role: 'supervisor' },
  { username: 'dispatcher', role: 'dispatcher' },
  { username: 'sanitation', role: 'handler', department: 'sanitation' },
  { username: 'municipal', role: 'handler', department: 'municipal' },
  { username: 'greening', role: 'handler', department: 'greening' },
  { username: 'enforcement', role: 'handler', department: 'enforcement' },
  { username: 'leader', role: 'leader' },
];
