import { onScopeDispose, type Ref } from 'vue';
import { browserFetch } from '../api/http';
import { fetchMe } from '../features/auth';
import { retryDelay } from '../features/cases/offline/backoff';
import { createLiveHub, type LiveHub, type LiveStatus, type LiveSubscriber } from './liveHub';

let shared: LiveHub | undefined;

/** The page's one live stream (`/api/events`), made on first use: every live listener of the page shares it. */
export function sharedLiveHub(): LiveHub {
  shared ??= createLiveHub({
    delay: (n) => retryDelay(n, { base: 3_000, max: 60_000 }),
    checkSession: async () => (await fetchMe(browserFetch)) !== null,
    lingerMs: 2_000,
  });
  return shared;
}

/** Opens the page's live stream again if it exists (the signed-in user changed): see `LiveHub.restart`. */
export function restartSharedLive(): void {
  shared?.restart();
}

/** Options of `useLiveEvents`: a subscriber, and the hub (the page's shared one by default). */
export interface UseLiveEventsOptions extends LiveSubscriber {
  hub?: LiveHub;
}

/**
 * Listens to live events (server-sent, `/api/events`) for as long as the calling scope lives,
 * over the page's one shared stream: `on` maps event types to handlers of their parsed data.
 * Returns the stream's status (anything but `live` means what is shown may be stale).
 */
export function useLiveEvents(options: UseLiveEventsOptions): { status: Ref<LiveStatus> } {
  const hub = options.hub ?? sharedLiveHub();
  const { hub: _hub, ...subscriber } = options;
  onScopeDispose(hub.subscribe(subscriber));
  return { status: hub.status };
}
