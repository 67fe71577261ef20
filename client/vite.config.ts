import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const clientRoot = fileURLToPath(new URL('.', import.meta.url));
const serverTarget = 'http://127.0.0.1:3000';
/** A client feature's front door: re-exports and lazy page loaders, no side effects. */
const FRONT_DOOR = /[\\/]client[\\/]src[\\/]features[\\/][^\\/]+[\\/]index\.ts$/;

/** Vite configuration of the console client; the API server is proxied in development. */
export default defineConfig({
  root: clientRoot,
  plugins: [
    vue(),
    // The service worker (src/sw/sw.ts) precaches the built app so that inspectors can open it
    // and file cases offline; it is built and registered in production builds only.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'prompt',
      manifest: false,
      injectManifest: {
        globPatterns: ['**/*.{js,mjs,css,html,svg,woff2}'],
        // the leader's big screen is not used in the field
        globIgnores: ['**/OverviewPage-*'],
        // the server answers the shell at `/` (every client route), not at /index.html
        manifestTransforms: [async (entries) => ({ manifest: entries.map((e) => (e.url === 'index.html' ? { ...e, url: '/' } : e)), warnings: [] })],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  resolve: {
    alias: {
      '@shared': fileURLToPath(new URL('../server/src/shared', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      // A feature's front door (features/<name>/index.ts) only re-exports: importing one export must not make the
      // chunk that imports it load every module the door lists (pages stay lazy, the app shell stays small).
      treeshake: { moduleSideEffects: (id) => !FRONT_DOOR.test(id) },
    },
  },
  server: {
    proxy: {
      '/api': serverTarget,
      '/ogc': serverTarget,
      '/tiles': serverTarget,
      '/styles': serverTarget,
    },
  },
});
