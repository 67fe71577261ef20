import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const clientRoot = fileURLToPath(new URL('.', import.meta.url));
const serverTarget = 'http://127.0.0.1:3000';

/** Vite configuration of the console client; the API server is proxied in development. */
export default defineConfig({
  root: clientRoot,
  plugins: [vue()],
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  resolve: {
    alias: {
      '@contracts': fileURLToPath(new URL('../server/src/contracts', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
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
