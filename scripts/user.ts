import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ROLES, DEPARTMENTS, type Role } from '@shared/auth';
import { loadConfig } from '../server/src/config';
import { HttpError } from '../server/src/errors';
import { openDatabase } from '../server/src/db/database';
import {
  createAuthService, createLoginFailureRepository, hashPassword, createSessionRepository, createUserRepository, createTokenRepository, createTokenService,
} from '../server/src/features/auth';
import { createAuditRepository } from '../server/src/features/audit';
import { MAX_TOKEN_DAYS, type TokenInfo } from '@shared/tokens';
import { createApiKeyRepository } from '../server/src/open311/api-key-repository';
import { createApiKey } from '../server/src/open311/api-keys';

const USAGE = `Usage: npm run user -- <command>
  list                                          list accounts
  add <username> --role <role> [--name <display name>] [--department <dept>]
                                                create an account (password asked, or read from stdin)
  passwd <username>                             set a new password
  disable <username> | enable <username>        switch one account off or on (disabling ends its sessions)
  unlock <username>                             let an account sign in again at once from every address
  demo off | demo on                            switch every demo account (and the Open311 demo key) off or on
  apikey add <name>                             create an Open311 API key (printed once: store it)
  apikey list | apikey disable <name> | apikey enable <name>
  token <username> [--label <label>] [--days <n>]
                                                create a personal access token (printed once: store it),
                                                for Authorization: Bearer in QGIS, GDAL or a script
  tokens <username> | tokens --all              list personal access tokens (never the tokens themselves)
  revoke-token <id>                             revoke a personal access token at once
Roles: ${ROLES.join(', ')}. Departments (handlers): ${DEPARTMENTS.join(', ')}.`;

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) return line;
    return '';
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const answer = await rl.question('Password (8+ characters): ');
  rl.close();
  return answer;
}

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

/** Runs a service call; a refusal (disabled account, too many tokens…) is printed as such and ends with status 1. */
function refusalIsFatal<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    console.error(`refused: ${err.message}`);
    process.exit(1);
  }
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    role: { type: 'string' }, name: { type: 'string' }, department: { type: 'string' },
    label: { type: 'string' }, days: { type: 'string' }, all: { type: 'boolean' },
  },
});
const [command, arg, name] = positionals;
const config = loadConfig();
// DATABASE_URL (PostgreSQL) when set, else the SQLite file, as the server opens it
const db = openDatabase(config.databaseUrl ?? config.dbFile);
const users = createUserRepository(db);
const sessions = createSessionRepository(db);
const now = new Date().toISOString();

function tokenService() {
  return createTokenService({ tokens: createTokenRepository(db), users, audit: createAuditRepository(db) });
}

function describeToken(t: TokenInfo): string {
  const state = t.revokedAt ? `revoked ${t.revokedAt}` : t.expiresAt && t.expiresAt <= now ? `expired ${t.expiresAt}` : 'usable';
  return `#${String(t.id).padEnd(5)} ${t.username.padEnd(16)} ${t.prefix}…  ${t.label.padEnd(20)} created ${t.createdAt}  last used ${t.lastUsedAt ?? 'never'}  ${state}`;
}

function existing(username: string | undefined) {
  if (!username) fail('a username is needed');
  return users.findByUsername(username) ?? fail(`no account "${username}"`);
}

switch (command) {
  case 'list':
    for (const u of users.list()) console.log(`${u.username.padEnd(16)} ${u.role.padEnd(11)} ${(u.department ?? '').padEnd(12)} ${u.disabled ? 'disabled' : 'enabled '} ${u.demo ? 'demo' : ''}  ${u.displayName}`);
    break;
  case 'add': {
    if (!arg) fail('a username is needed');
    if (!values.role || !(ROLES as readonly string[]).includes(values.role)) fail(`--role must be one of ${ROLES.join(', ')}`);
    if (values.department && !(DEPARTMENTS as readonly string[]).includes(values.department)) fail(`--department must be one of ${DEPARTMENTS.join(', ')}`);
    if (users.findByUsername(arg)) fail(`account "${arg}" exists already`);
    const password = await readPassword();
    if (password.length < 8) fail('the password needs at least 8 characters');
    const auth = createAuthService({ users, sessions, failures: createLoginFailureRepository(db) });
    const id = await auth.createUser({ username: arg, displayName: values.name ?? arg, role: values.role as Role, department: values.department ?? null, password });
    console.log(`created account ${arg} (#${id}, ${values.role})`);
    break;
  }
  case 'passwd': {
    const u = existing(arg);
    const password = await readPassword();
    if (password.length < 8) fail('the password needs at least 8 characters');
    const hash = await hashPassword(password);
    db.transaction(() => {
      users.setPassword(u.id, hash, now);
      sessions.removeForUser(u.id);
    })();
    console.log(`password of ${u.username} changed; its sessions ended`);
    break;
  }
  case 'disable':
  case 'enable': {
    const u = existing(arg);
    db.transaction(() => {
      users.setDisabled(u.id, command === 'disable', now);
      if (command === 'disable') sessions.removeForUser(u.id);
    })();
    console.log(`${u.username} ${command}d`);
    break;
  }
  case 'unlock': {
    const u = existing(arg);
    const addresses = createLoginFailureRepository(db).clearName(u.username);
    console.log(`${u.username} unlocked (failed sign-ins from ${addresses} address(es) forgotten)`);
    break;
  }
  case 'demo': {
    if (arg !== 'off' && arg !== 'on') fail('say "demo off" or "demo on"');
    const [n, keys] = db.transaction(() => [users.setDemoDisabled(arg === 'off', now), createApiKeyRepository(db).setDemoDisabled(arg === 'off')])();
    console.log(`${n} demo account(s) and ${keys} demo API key(s) switched ${arg}`);
    break;
  }
  case 'apikey': {
    const keys = createApiKeyRepository(db);
    if (arg === 'list') {
      for (const k of keys.list()) console.log(`${k.name.padEnd(20)} ${k.disabled ? 'disabled' : 'enabled '} ${k.demo ? 'demo' : '    '}  created ${k.createdAt}  last used ${k.lastUsedAt ?? 'never'}`);
      break;
    }
    if (!name) fail('a key name is needed');
    if (arg === 'add') {
      if (!/^[\w.-]{2,64}$/.test(name)) fail('a key name has 2–64 letters, digits, ".", "_" or "-"');
      if (keys.findByName(name)) fail(`API key "${name}" exists already`);
      const { key } = createApiKey(keys, name, now);
      console.log(`created Open311 API key "${name}" — it is shown only now:\n${key}`);
      break;
    }
    if (arg !== 'disable' && arg !== 'enable') fail('say "apikey add|list|disable|enable"');
    const found = keys.findByName(name) ?? fail(`no API key "${name}"`);
    keys.setDisabled(found.id, arg === 'disable');
    console.log(`API key ${found.name} ${arg}d`);
    break;
  }
  case 'token': {
    const u = existing(arg);
    const label = (values.label ?? 'command line').trim();
    if (label.length < 1 || label.length > 64) fail('--label has 1–64 characters');
    const days = values.days === undefined ? undefined : Number(values.days);
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS)) fail(`--days is a whole number of days, 1–${MAX_TOKEN_DAYS}`);
    const { token, info } = refusalIsFatal(() => tokenService().create(null, { username: u.username, label, expiresInDays: days }));
    console.log(`created token #${info.id} "${label}" for ${u.username} (${u.role})${info.expiresAt ? `, valid until ${info.expiresAt}` : ''} — it is shown only now:\n${token}`);
    break;
  }
  case 'tokens': {
    const tokens = createTokenRepository(db);
    const list = values.all ? tokens.listAll() : tokens.listForUser(existing(arg).id);
    for (const t of list) console.log(describeToken(t));
    break;
  }
  case 'revoke-token': {
    if (!arg || !/^\d{1,15}$/.test(arg)) fail('a token id (a number, as "tokens" lists it) is needed');
    const service = tokenService();
    try {
      console.log(`revoked ${describeToken(service.revoke(null, Number(arg)))}`);
    } catch {
      fail(`no token ${arg}`);
    }
    break;
  }
  default:
    fail(command ? `unknown command "${command}"` : 'a command is needed');
}
db.close();
