import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

/** `@shared/*`: the types, schemas and constants both sides import (server/src/shared, see its README). */
const sharedAlias = { '@shared': fileURLToPath(new URL('./server/src/shared', import.meta.url)) };

/**
 * Test files run at once outside the browser project. Vitest's default is one less than the CPUs, so a 2-core CI machine
 * ran every file one after another; its main process mostly waits, so two workers use both cores.
 */
const WORKERS = Math.max(2, os.availableParallelism() - 1);

/**
 * HTTP suites the `server-pg` project leaves to `server`: what they test is decided before storage is reached
 * (response compression, CORS, static headers, routing, the route × role policy matrix, malformed input and the
 * upload and import limits, refused while reading) or is about the SQLite file and its process (start-up on a file,
 * the supervisor, which runs SQLite processes; the multi-process test covers PostgreSQL's). The hostile-input
 * property suite stays on SQLite too (a minute of random requests); what it found on PostgreSQL, NUL characters,
 * has its own test there (nul-text.pg.test.ts). Together they keep the PostgreSQL run to ~2 minutes of the suite.
 */
const NOT_ON_POSTGRES = [
  'tests/integration/compression.test.ts', 'tests/integration/cors.test.ts', 'tests/integration/open311-cors.test.ts',
  'tests/integration/static-headers.test.ts', 'tests/integration/server-start.test.ts', 'tests/integration/supervisor.test.ts',
  'tests/integration/not-found.test.ts', 'tests/security/policy.test.ts', 'tests/security/malformed-input.test.ts',
  'tests/security/import-limits.test.ts', 'tests/security/uploads-limits.test.ts', 'tests/security/hostile.property.test.ts',
  // the back-off arithmetic of lock-out waits in real seconds; its storage is tested across processes by
  // auth-webhooks-processes.pg.test.ts. Hostile values in tiles are encoding; the NUL refusal has nul-text.pg.test.ts
  'tests/security/login-lockout.test.ts', 'tests/security/tiles-hostile.test.ts',
];

/**
 * Client tests that count on modules loaded fresh for their file (the `client` project shares one module graph per
 * worker): locale.test.ts checks that the planner's messages are not loaded before its page asks for them, which an
 * earlier file in the same worker may already have done.
 */
const CLIENT_FRESH_MODULES = ['client/src/i18n/locale.test.ts'];

export default defineConfig({
  test: {
    // the run's pool: one more than a project's own, so that server files fill the time browser files spend waiting
    maxWorkers: WORKERS + 1,
    projects: [
      {
        resolve: { alias: sharedAlias },
        test: {
          name: 'server',
          environment: 'node',
          // one module graph per worker, as server-pg: importing the app was most of a small file's CPU time
          // (the project's 117 files: 352 → 180 CPU s). Every file makes its own app, database and temp folders.
          isolate: false,
          maxWorkers: WORKERS,
          // seeding the demo district in a hook takes ~3 s alone, more beside another worker
          hookTimeout: 30_000,
          include: ['server/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/interop/**/*.test.ts', 'tests/security/**/*.test.ts', 'tests/lint/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.pg.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        // the HTTP suites again on PostgreSQL/PostGIS (#14): a throw-away cluster for the run, a fresh database per app
        resolve: { alias: sharedAlias },
        test: {
          name: 'server-pg',
          environment: 'node',
          // one module graph per worker instead of per file: importing the app is most of a small file's time here
          isolate: false,
          maxWorkers: WORKERS,
          hookTimeout: 120_000,
          testTimeout: 60_000,
          globalSetup: ['tests/global-setup-pg.ts'],
          setupFiles: ['tests/setup-pg.ts'],
          include: ['tests/integration/**/*.test.ts', 'tests/security/**/*.test.ts', '**/*.pg.test.ts'],
          exclude: ['**/node_modules/**', ...NOT_ON_POSTGRES],
        },
      },
      {
        plugins: [vue()],
        resolve: { alias: sharedAlias },
        test: {
          name: 'client',
          environment: 'happy-dom',
          // one module graph per worker: Vue, the i18n messages and happy-dom imported once instead of per file
          // (the project's 100 files: 92 → 15 CPU s); the files that need fresh modules run in `client-fresh`
          isolate: false,
          maxWorkers: WORKERS,
          include: ['client/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...CLIENT_FRESH_MODULES],
          testTimeout: 20_000,
        },
      },
      {
        plugins: [vue()],
        resolve: { alias: sharedAlias },
        test: {
          name: 'client-fresh',
          environment: 'happy-dom',
          maxWorkers: WORKERS,
          include: CLIENT_FRESH_MODULES,
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias: sharedAlias },
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          // pages lazy-load their chunks and chromium renders on SwiftShader: waits are generous on 2 loaded cores
          expect: { poll: { timeout: 15_000, interval: 100 } },
          hookTimeout: 240_000,
          // Browser files share the other projects' workers. Vitest runs a project limited to one file at a time in
          // a group of its own after all the others, so the browser files, which wait on chromium about half the time,
          // ran alone at the end of the run on a half-idle machine. Each file has its own server, database copy,
          // browser profile and screenshot folder; the client is built once, by the global setup (see there).
          maxWorkers: WORKERS,
          globalSetup: ['tests/global-setup-e2e.ts'],
        },
      },
    ],
  },
});
