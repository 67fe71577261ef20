import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database';
import { createApiKeyRepository, type ApiKeyRecord, type ApiKeyRepository } from './api-key-repository';

/** The Open311 key of the demo seed (demo data, like the demo password: switch it off in a real deployment). */
export const DEMO_API_KEY = 'qingbo-open311-demo-2011';
/** The name of the demo key. */
export const DEMO_API_KEY_NAME = 'demo';

/** The SHA-256 (hex) under which a key is stored. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** Makes a new random key (shown once) and stores its hash under a name. */
export function createApiKey(keys: ApiKeyRepository, name: string, now = new Date().toISOString()): { key: string; record: ApiKeyRecord } {
  const key = `qb311_${randomBytes(24).toString('base64url')}`;
  keys.insert(name, hashApiKey(key), false, now);
  return { key, record: keys.findByName(name)! };
}

/** The enabled key with this secret, or undefined. */
export function verifyApiKey(keys: ApiKeyRepository, key: string | undefined): ApiKeyRecord | undefined {
  if (!key || key.length > 200) return undefined;
  const found = keys.findByHash(hashApiKey(key));
  return found && !found.disabled ? found : undefined;
}

/** Creates the demo key when it is missing; returns whether it was created. */
export function seedDemoApiKey(db: Db, now = new Date().toISOString()): boolean {
  const keys = createApiKeyRepository(db);
  if (keys.findByName(DEMO_API_KEY_NAME)) return false;
  keys.insert(DEMO_API_KEY_NAME, hashApiKey(DEMO_API_KEY), true, now);
  return true;
}

/** Whether the demo key exists and is enabled (for the start-up banner). */
export function demoApiKeyEnabled(db: Db): boolean {
  const demo = createApiKeyRepository(db).findByName(DEMO_API_KEY_NAME);
  return demo !== undefined && demo.demo && !demo.disabled;
}
