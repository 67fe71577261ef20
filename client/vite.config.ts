import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { precompileMessages } from './build/precompile-messages';
import { treeShakeVueUnderVueI18n } from './build/vue-i18n-tree-shaking';

const clientRoot = fileURLToPath(new URL('.', import.meta.url));
const serverTarget = 'http://127.0.0.1:3000';
/** A client feature's front door: re-exports and lazy page loaders, no side effects. */
const FRONT_DOOR = /[\\/]client[\\/]src[\\/]features[\\/][^\\/]+[\\/]index\.ts$/;

/** The app's entry module: what it imports statically is loaded by every page before anything else. */
const ENTRY = fileURLToPath(new URL('./src/main.ts', import.meta.url));
/** Small modules that pages with and without a map share (the layer catalogue's API: the map pages, the audit log). */
const SHELL_TOO = /[\\/]client[\\/]src[\\/]features[\\/]layers[\\/]api\.ts$/;
interface ModuleGraph { getModuleInfo(id: string): { importedIds: readonly string[] } | null }
const shellOf = new WeakMap<ModuleGraph, Set<string>>();

/**
 * Names the chunk of a module in the app shell (statically reachable from src/main.ts, the entry itself excepted,
 * plus `SHELL_TOO`): one `shell` chunk instead of a dozen tiny shared ones (roles, http, stores...) that every page
 * fetched anyway, each costing a request and ~0.4 KB of response headers. Pages' own modules stay where the splitter
 * puts them.
 */
function shellChunk(id: string, graph: ModuleGraph): string | null {
  let shell = shellOf.get(graph);
  if (!shell) {
    shell = new Set();
    const visit = (module: string) => {
      if (shell!.has(module)) return;
      shell!.add(module);
      for (const next of graph.getModuleInfo(module)?.importedIds ?? []) visit(next);
    };
    if (graph.getModuleInfo(ENTRY)) visit(ENTRY);
    shell.delete(ENTRY);
    shellOf.set(graph, shell);
  }
  return shell.has(id) || SHELL_TOO.test(id) ? 'shell' : null;
}

/**
 * The `map` chunk: MapLibre, MapView with what every page with a map uses beside it (client/src/maplibre: the style's
 * metadata, layer visibility and opacity, clicks, point layers) and the layer catalogue store they draw from. Every
 * page with a map loads them all anyway; left to the splitter they were six chunks (the filing page fetched five of
 * them, ~0.3 KB of headers each by Chromium's count). The planner's tools (filters, overlays, opacity sliders) and
 * the live layers stay with the pages that use them. A group takes its modules' own imports along.
 */
const MAP_CHUNK = /[\\/]node_modules[\\/]maplibre-gl[\\/]|[\\/]client[\\/]src[\\/](?:maplibre[\\/](?:MapView\.vue|context|debugHandle|fonts|keepVisibility|styles|styleMetadata|opacity|useLayerVisibility|useMapClick|usePointLayer)\b|features[\\/]layers[\\/](?:store|groups|legend|extent)\.ts$|features[\\/]cases[\\/](?:PointMap|PointMarker|OfflineMapCopies)\.vue)/;

/**
 * The `cases` chunk: what the case pages (filing, queues, the case page, the category admin) share — display
 * formats, the category tree, the photo strip, being online — instead of five chunks of a few hundred bytes.
 */
const CASES_CHUNK = /[\\/]client[\\/]src[\\/](?:features[\\/]cases[\\/](?:PhotoStrip\.vue|usePhotoPicker\.ts|format\.ts|categories\.ts)|composables[\\/]useOnline\.ts)/;

/** Built files worth compressing: text (images, fonts and tiles are compressed already). */
const TEXT_FILE = /\.(?:m?js|css|html|svg|json|webmanifest|txt|xml|map)$/;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes `file.br` (brotli, quality 11) and `file.gz` (gzip, level 9) next to every text file of the build over
 * 1 KB, when smaller than the file: the server sends them as they are (server/src/static.ts), so the slow, strong
 * levels cost nothing per request. node:zlib does it in a few lines, without another plugin to keep up to date.
 * It runs after the other plugins have written their files (the service worker included).
 */
function precompress(): Plugin {
  let outDir = '';
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  return {
    name: 'qingbo-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        await Promise.all(walk(outDir).filter((f) => TEXT_FILE.test(f)).map(async (file) => {
          const bytes = fs.readFileSync(file);
          if (bytes.length < 1024) return;
          const [br, gz] = await Promise.all([
            brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
            gzip(bytes, { level: 9 }),
          ]);
          if (br.length < bytes.length) fs.writeFileSync(`${file}.br`, br);
          if (gz.length < bytes.length) fs.writeFileSync(`${file}.gz`, gz);
        }));
      },
    },
  };
}

/** Vite configuration of the console client; the API server is proxied in development. */
export default defineConfig({
  root: clientRoot,
  plugins: [
    vue(),
    precompileMessages(),
    treeShakeVueUnderVueI18n(),
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
    precompress(),
  ],
  define: {
    __VUE_OPTIONS_API__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
    // no <i18n-t>, <i18n-n>, <i18n-d> nor v-t in the templates: vue-i18n's global components stay out of the bundle
    __VUE_I18N_FULL_INSTALL__: false,
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
    minify: 'terser',
    terserOptions: { compress: { passes: 2 } },
    rollupOptions: {
      // A feature's front door (features/<name>/index.ts) only re-exports: importing one export must not make the
      // chunk that imports it load every module the door lists (pages stay lazy, the app shell stays small).
      treeshake: { moduleSideEffects: (id) => !FRONT_DOOR.test(id) },
      output: {
        codeSplitting: {
          groups: [
            { name: shellChunk, debugName: 'shell' },
            { name: 'map', test: MAP_CHUNK },
            { name: 'cases', test: CASES_CHUNK },
          ],
        },
      },
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
