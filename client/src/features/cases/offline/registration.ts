import { Workbox } from 'workbox-window';

/**
 * Registers `/sw.js` with workbox-window (a chunk of its own, fetched once the first view is up: see
 * `registerServiceWorker`). `onWaiting` is called when a new version is installed and waits; the page reloads once a
 * new version has taken over. Returns what activates the waiting version.
 */
export function registerWorkbox(onWaiting: () => void): () => void {
  const workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('waiting', onWaiting);
  workbox.addEventListener('controlling', (event) => {
    if (event.isUpdate) globalThis.location.reload();
  });
  workbox.register().catch((e: unknown) => console.warn('service worker: not registered', e));
  return () => workbox.messageSkipWaiting();
}
