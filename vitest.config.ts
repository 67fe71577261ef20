import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

/** `@shared/*`: the types, schemas and constants both sides import (server/src/shared, see its README). */
const sharedAlias = { '@shared': fileURLToPath(new URL('./server/src/shared', import.meta.url)) };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: sharedAlias },
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/interop/**/*.test.ts', 'tests/security/**/*.test.ts', 'tests/lint/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        plugins: [vue()],
        resolve: { alias: sharedAlias },
        test: {
          name: 'client',
          environment: 'happy-dom',
          include: ['client/**/*.test.ts'],
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
          fileParallelism: false,
        },
      },
    ],
  },
});
