import type { SessionUser } from '@shared/auth';
import type { StreamEndReason } from '@shared/events';
import type { AuthService } from '../auth';

/** What a stream needs of the auth service to keep checking its session. */
export type SessionSource = Pick<AuthService, 'resolve' | 'onLogout'>;

/**
 * Watches the session a stream was opened with: calls `onEnd` once, with the reason, when
 * that session is signed out here (at once) or no longer resolves to the same user (checked
 * every `everyMs`: expired, signed out elsewhere, account disabled). Returns the function
 * that stops watching (and clears its timer).
 */
export function watchSession(input: {
  auth: SessionSource;
  token: string;
  user: SessionUser;
  everyMs: number;
  onEnd: (reason: StreamEndReason) => void;
}): () => void {
  const { auth, token, user, onEnd } = input;
  let stopped = false;
  const end = (reason: StreamEndReason) => {
    if (stopped) return;
    stop();
    onEnd(reason);
  };
  const timer = setInterval(() => {
    if (auth.resolve(token)?.id !== user.id) end('session_ended');
  }, input.everyMs);
  timer.unref();
  const unsubscribe = auth.onLogout((ended) => {
    if (ended === token) end('signed_out');
  });
  function stop(): void {
    stopped = true;
    clearInterval(timer);
    unsubscribe();
  }
  return stop;
}
