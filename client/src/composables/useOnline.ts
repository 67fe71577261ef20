import { onScopeDispose, ref, type Ref } from 'vue';

/** The part of `window` that knows whether the browser is online (tests pass a fake). */
export interface OnlineWindow {
  navigator: { onLine: boolean };
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

/** Options of `useOnline`. */
export interface UseOnlineOptions {
  /** The browser's window by default. */
  window?: OnlineWindow;
}

/** The browser's online flag (`navigator.onLine`), kept current by its `online`/`offline` events. */
export function useOnline(options: UseOnlineOptions = {}): Ref<boolean> {
  const win = options.window ?? globalThis.window;
  const online = ref(win?.navigator.onLine !== false);
  const update = () => {
    online.value = win?.navigator.onLine !== false;
  };
  win?.addEventListener('online', update);
  win?.addEventListener('offline', update);
  onScopeDispose(() => {
    win?.removeEventListener('online', update);
    win?.removeEventListener('offline', update);
  });
  return online;
}
