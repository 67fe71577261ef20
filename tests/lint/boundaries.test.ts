import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The architecture boundaries of eslint.config.js (issue #13 item 3) catch what they are meant to catch: each rule
 * lints one violating and one allowed snippet. File paths are virtual (lintText, nothing is written); the path decides
 * which rules apply.
 */
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: projectRoot });
});

interface Found { ruleId: string | null; message: string }

const FRONT_DOOR = 'qingbo/front-door';

/** The boundary messages (`no-restricted-imports`, `no-restricted-syntax`) of `code` linted as `filePath`. */
async function boundaryMessages(code: string, filePath: string): Promise<Found[]> {
  const [result] = await eslint.lintText(code, { filePath });
  expect(result?.messages.filter((m) => m.fatal)).toEqual([]);
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax' || m.ruleId === FRONT_DOOR)
    .map((m) => ({ ruleId: m.ruleId, message: m.message }));
}

const CLIENT_TS = 'client/src/features/x/bad.ts';
const CLIENT_VUE = 'client/src/features/x/Bad.vue';

describe('(a) the client imports nothing of the server but the shared contracts', () => {
  it('flags a relative import reaching into server/', async () => {
    const found = await boundaryMessages("import { caseListQuery } from '../../../../server/src/shared/cases';\nexport const q = caseListQuery;\n", CLIENT_TS);
    expect(found).toEqual([expect.objectContaining({ ruleId: 'no-restricted-imports', message: expect.stringContaining('The client imports nothing of the server') })]);
  });

  it('flags a server alias other than @shared (the retired @contracts too), and climbing out of @shared', async () => {
    const found = await boundaryMessages(
      "import { openDatabase } from '@server/db/database';\nimport { newCaseBody } from '@contracts/cases';\nimport { x } from '@shared/../db/database';\nexport const y = [openDatabase, newCaseBody, x];\n",
      CLIENT_TS,
    );
    expect(found.map((f) => f.ruleId)).toEqual(['no-restricted-imports', 'no-restricted-imports', 'no-restricted-imports']);
  });

  it('flags a dynamic import of the server', async () => {
    const found = await boundaryMessages("export const load = () => import('../../../../server/src/app');\n", CLIENT_TS);
    expect(found).toEqual([expect.objectContaining({ ruleId: 'no-restricted-syntax', message: expect.stringContaining('The client imports nothing of the server') })]);
  });

  it('allows the shared alias, npm packages and the client\'s own modules', async () => {
    const found = await boundaryMessages(
      "import type { Role } from '@shared/auth';\nimport { point } from '@turf/turf';\nimport { ref } from 'vue';\nimport { http } from '../../api/http';\nexport const a = [point, ref, http] as const;\nexport type R = Role;\n",
      CLIENT_TS,
    );
    expect(found).toEqual([]);
  });

  it('flags a server import in a .vue <script setup>, and allows the shared alias there', async () => {
    const bad = "<script setup lang=\"ts\">\nimport { listCases } from '../../../../server/src/features/cases/case-read-service';\nconst cases = listCases;\n</script>\n<template><p>{{ cases }}</p></template>\n";
    expect(await boundaryMessages(bad, CLIENT_VUE)).toEqual([expect.objectContaining({ ruleId: 'no-restricted-imports' })]);
    const good = "<script setup lang=\"ts\">\nimport { DEPARTMENTS } from '@shared/auth';\nconst d = DEPARTMENTS;\n</script>\n<template><p>{{ d }}</p></template>\n";
    expect(await boundaryMessages(good, CLIENT_VUE)).toEqual([]);
  });
});

describe('(b) routers and services hold no driver and no SQL', () => {
  const ROUTER = 'server/src/features/x/router.ts';
  const SERVICE = 'server/src/features/x/x-service.ts';

  it('flags a driver import in a router, a service and any other server module outside db/ and the repositories', async () => {
    for (const [code, filePath] of [
      ["import Database from 'better-sqlite3';\nexport const D = Database;\n", ROUTER],
      ["import pg from 'pg';\nexport const P = pg;\n", SERVICE],
      ["import type { Database } from 'better-sqlite3';\nexport type D = Database;\n", 'server/src/app.ts'],
      ["import Database from 'better-sqlite3';\nexport const D = Database;\n", 'server/src/features/x/helpers.ts'],
      ["export const load = () => import('pg');\n", SERVICE],
    ] as const) {
      const found = await boundaryMessages(code, filePath);
      expect(found, `${filePath}: ${code}`).toEqual([expect.objectContaining({ message: expect.stringContaining('Only server/src/db/** and *-repository.ts files use a database driver') })]);
    }
  });

  it('allows the driver in server/src/db and in repositories, and the Db type elsewhere', async () => {
    expect(await boundaryMessages("import Database from 'better-sqlite3';\nexport const D = Database;\n", 'server/src/db/database.ts')).toEqual([]);
    expect(await boundaryMessages("import type { Database } from 'better-sqlite3';\nexport type D = Database;\n", 'server/src/features/x/x-repository.ts')).toEqual([]);
    expect(await boundaryMessages("import type { Db } from '../../db/database';\nexport type D = Db;\n", SERVICE)).toEqual([]);
  });

  it('flags SQL in a string or template literal of a router or service', async () => {
    for (const [code, filePath] of [
      ["export const q = 'SELECT id FROM cases WHERE id = ?';\n", ROUTER],
      ['export const q = (t: string) => `\n  UPDATE ${t} SET state = ?`;\n', SERVICE],
      ["export const q = \"INSERT INTO audit_log (actor) VALUES (?)\";\n", 'server/src/open311/service.ts'],
      ['export const q = `WITH x AS (SELECT 1) SELECT * FROM x`;\n', 'server/src/features/x/photo-router.ts'],
    ] as const) {
      const found = await boundaryMessages(code, filePath);
      expect(found, `${filePath}: ${code}`).toEqual([{ ruleId: 'no-restricted-syntax', message: expect.stringContaining('Routers and services hold no SQL') }]);
    }
  });

  it('allows ordinary strings in routers and services, and SQL in a repository', async () => {
    expect(await boundaryMessages("export const a = ['update', 'delete', 'Select a layer'];\nexport const m = `Update ${a.length} cases`;\n", SERVICE)).toEqual([]);
    expect(await boundaryMessages("export const q = 'SELECT id FROM cases';\n", 'server/src/features/x/x-repository.ts')).toEqual([]);
  });
});

describe('(c) the shared contracts import only each other, zod and geojson types', () => {
  const SHARED = 'server/src/shared/bad.ts';

  it('flags an import of the rest of the server, another package or a node built-in', async () => {
    for (const code of [
      "import { BadRequestError } from '../errors';\nexport const E = BadRequestError;\n",
      "import { openDatabase } from '../db/database';\nexport const o = openDatabase;\n",
      "import express from 'express';\nexport const e = express;\n",
      "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
    ]) {
      const found = await boundaryMessages(code, SHARED);
      expect(found, code).toEqual([expect.objectContaining({ ruleId: 'no-restricted-imports', message: expect.stringContaining('The shared contracts import only each other') })]);
    }
    // from a subfolder, one level up is still inside; two is outside
    expect(await boundaryMessages("import { x } from '../../errors';\nexport const y = x;\n", 'server/src/shared/cases/bad.ts')).toHaveLength(1);
  });

  it('allows each other, zod and geojson types', async () => {
    const found = await boundaryMessages(
      "import { z } from 'zod';\nimport type { Feature } from 'geojson';\nimport { DEPARTMENTS } from './auth';\nexport const s = z.enum(DEPARTMENTS);\nexport type F = Feature;\n",
      SHARED,
    );
    expect(found).toEqual([]);
    expect(await boundaryMessages("import type { Role } from '../auth';\nexport type R = Role;\n", 'server/src/shared/cases/state.ts')).toEqual([]);
  });
});

describe('(d) a feature imports another feature only through its front door', () => {
  const deep = (target: string) => ({ ruleId: FRONT_DOOR, message: expect.stringContaining(`not ${target}`) });

  it('flags a client .ts file reaching into another feature: import, type import, re-export, import()', async () => {
    const code = [
      "import { useLayersStore } from '../layers/store';",
      "import type { LayerFilter } from '../workspace/filters';",
      "export { badgeTone } from '../layers/statusBadge';",
      "export const load = () => import('../planner/LayerPanel.vue');",
      'export const s = useLayersStore;',
      'export type F = LayerFilter;',
      '',
    ].join('\n');
    expect(await boundaryMessages(code, 'client/src/features/search/bad.ts')).toEqual([
      deep('client/src/features/layers/store'),
      deep('client/src/features/workspace/filters'),
      deep('client/src/features/layers/statusBadge'),
      deep('client/src/features/planner/LayerPanel.vue'),
    ]);
  });

  it('flags a deep import from a subfolder and one that climbs out of features/ and back in', async () => {
    expect(await boundaryMessages("import { mayAccess } from '../../auth/roles';\nexport const m = mayAccess;\n", 'client/src/features/cases/queue/bad.ts'))
      .toEqual([deep('client/src/features/auth/roles')]);
    expect(await boundaryMessages("import { useSessionStore } from '../../features/auth/store';\nexport const s = useSessionStore;\n", 'client/src/features/cases/bad.ts'))
      .toEqual([deep('client/src/features/auth/store')]);
  });

  it('flags a deep import in a .vue <script setup>', async () => {
    const bad = "<script setup lang=\"ts\">\nimport LayerPanel from '../planner/LayerPanel.vue';\n</script>\n<template><LayerPanel /></template>\n";
    expect(await boundaryMessages(bad, 'client/src/features/map/Bad.vue')).toEqual([deep('client/src/features/planner/LayerPanel.vue')]);
  });

  it('flags a server feature reaching into another one, by a relative path or through an alias', async () => {
    const code = "import { createWorkGate } from '../photos/work-gate';\nimport type { CaseClock } from '@shared/../features/cases/case-clock';\nexport const g = createWorkGate;\nexport type C = CaseClock;\n";
    expect(await boundaryMessages(code, 'server/src/features/import/import-service.ts')).toEqual(expect.arrayContaining([
      deep('server/src/features/photos/work-gate'),
      deep('server/src/features/cases/case-clock'),
    ]));
  });

  it('allows front doors, the feature\'s own files and everything outside features', async () => {
    const client = [
      "import { useLayersStore } from '../layers';",
      "import { usePlannerStore } from '../workspace/index';",
      "import { useSessionStore } from '../auth/index.ts';",
      "import { outboxKey } from './offline/outbox';",
      "import { http } from '../../api/http';",
      "import { injectMap } from '../../maplibre/context';",
      "import type { Role } from '@shared/auth';",
      "export const load = () => import('../map');",
      'export const a = [useLayersStore, usePlannerStore, useSessionStore, outboxKey, http, injectMap];',
      'export type R = Role;',
      '',
    ].join('\n');
    expect(await boundaryMessages(client, 'client/src/features/cases/good.ts')).toEqual([]);
    expect(await boundaryMessages("import { useSessionStore } from '../../auth';\nimport { isOffline } from '../offline/store';\nexport const a = [useSessionStore, isOffline];\n", 'client/src/features/cases/queue/good.ts')).toEqual([]);
    const vue = "<script setup lang=\"ts\">\nimport { LayerPanel } from '../planner';\n</script>\n<template><LayerPanel /></template>\n";
    expect(await boundaryMessages(vue, 'client/src/features/map/Good.vue')).toEqual([]);
    const server = "import { createAuditFeature } from '../audit';\nimport { createWorkGate } from '../photos/index';\nimport { caseRows } from './case-repository';\nexport const a = [createAuditFeature, createWorkGate, caseRows];\n";
    expect(await boundaryMessages(server, 'server/src/features/cases/case-service.ts')).toEqual([]);
    // outside the features (the app, the OGC API, tests) the rule does not apply
    expect(await boundaryMessages("import { createWorkGate } from '../features/photos/work-gate';\nexport const g = createWorkGate;\n", 'server/src/ogc/x.ts')).toEqual([]);
  });
});
