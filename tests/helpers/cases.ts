import { randomUUID } from 'node:crypto';
import path from 'node:path';
import request from 'supertest';
import { PROJECT_ROOT } from '../../server/src/config';
import type { Role } from '@shared/auth';
import type { CaseAction, CaseState } from '@shared/cases';
import { uploadPhotos } from './photos';
import { createSecuredApp, type SecuredApp } from './session';

/** Hefang Street (河坊街) POI: in 清河坊社区 330102001055, grid 330102001055013. */
export const HEFANG = { lon: 120.16426, lat: 30.24242 } as const;

/** An app over the real demo district (communities, grids, roads, case catalogue and calendar). */
export function createCasesApp(): Promise<SecuredApp> {
  return createSecuredApp({}, path.join(PROJECT_ROOT, 'data'));
}

/** A valid `POST /api/cases` body (dirty street surface at Hefang Street) with a fresh idempotency key. */
export function caseBody(over: Record<string, unknown> = {}) {
  return { category: 'E01-03', ...HEFANG, description: '河坊街路面有油污', idempotencyKey: randomUUID(), ...over };
}

/** Files a case as a role; returns the response. */
export async function fileCase(s: SecuredApp, over: Record<string, unknown> = {}, role: Role = 'inspector') {
  return request(s.app).post('/api/cases').set('Cookie', await s.cookieFor(role)).send(caseBody(over));
}

/** Takes an action on a case as a role; returns the response. */
export async function act(s: SecuredApp, role: Role, id: number | string, action: CaseAction, body: Record<string, unknown> = {}) {
  return request(s.app).post(`/api/cases/${id}/actions/${action}`).set('Cookie', await s.cookieFor(role)).send(body);
}

const PATH: [CaseState, Role, CaseAction, Record<string, unknown>][] = [
  ['registered', 'supervisor', 'register', {}],
  ['dispatched', 'dispatcher', 'dispatch', {}],
  ['handling', 'handler', 'accept', {}],
  ['feedback', 'handler', 'feedback', { note: '已清洗路面' }],
  ['closed', 'supervisor', 'close', {}],
];

/** Files a case (sanitation by default) and runs it along the happy path up to `state` (uploading an "after" photo before feedback); returns its id. */
export async function caseIn(s: SecuredApp, state: CaseState, over: Record<string, unknown> = {}): Promise<number> {
  const filed = await fileCase(s, over);
  if (filed.status !== 201) throw new Error(`filing failed: ${filed.status} ${filed.text}`);
  const id = filed.body.case.id as number;
  if (state === 'reported') return id;
  for (const [reached, role, action, body] of PATH) {
    if (action === 'feedback') {
      const photo = await uploadPhotos(s, 'handler', id, 'after');
      if (photo.status !== 201) throw new Error(`after photo failed: ${photo.status} ${photo.text}`);
    }
    const res = await act(s, role, id, action, body);
    if (res.status !== 200) throw new Error(`${action} failed: ${res.status} ${res.text}`);
    if (reached === state) return id;
  }
  throw new Error(`caseIn cannot reach ${state}`);
}
