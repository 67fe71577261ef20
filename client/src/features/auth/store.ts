import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { browserFetch, type FetchLike } from '../../api/http';
import { fetchMe, postLogin, postLogout, type Credentials } from './api';
import type { SessionUser } from './roles';

/** Whether the session has been asked for yet. */
export type SessionStatus = 'unknown' | 'loading' | 'ready' | 'error';

/** Options of the session store's actions; tests inject `fetch`. */
export interface SessionOptions {
  fetch?: FetchLike;
}

/**
 * Who is signed in, as plain serialisable state. `load` asks the server at start-up,
 * `login` and `logout` change it; the session cookie itself is HttpOnly and never seen here.
 */
export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  const expiresAt = ref<string | null>(null);
  const status = ref<SessionStatus>('unknown');
  const error = ref<string | null>(null);
  let pending: Promise<void> | undefined;
  let generation = 0;

  const signedIn = computed(() => user.value !== null);

  function setUser(next: SessionUser | null, expiry: string | null = null): void {
    generation += 1;
    user.value = next;
    expiresAt.value = next ? expiry : null;
  }

  /** Asks the server who is signed in. A failure leaves nobody signed in and records the error. */
  function load({ fetch = browserFetch }: SessionOptions = {}): Promise<void> {
    const asked = ++generation;
    status.value = 'loading';
    error.value = null;
    pending = fetchMe(fetch)
      .then((me) => {
        if (asked !== generation) return;
        user.value = me;
        status.value = 'ready';
      })
      .catch((e: unknown) => {
        if (asked !== generation) return;
        user.value = null;
        status.value = 'error';
        error.value = e instanceof Error ? e.message : String(e);
      });
    return pending;
  }

  /** Resolves once the first `load` has finished, starting it if nobody has. */
  function ensureLoaded(options: SessionOptions = {}): Promise<void> {
    if (status.value === 'unknown') return load(options);
    return pending ?? Promise.resolve();
  }

  /** Signs in; the server's refusal is thrown as an `HttpError` for the form to explain. */
  async function login(credentials: Credentials, { fetch = browserFetch }: SessionOptions = {}): Promise<SessionUser> {
    const answer = await postLogin(credentials, fetch);
    setUser(answer.user, answer.expiresAt);
    status.value = 'ready';
    error.value = null;
    return answer.user;
  }

  /** Signs out on the server, then forgets the user; when the server cannot be reached the user stays signed in. */
  async function logout({ fetch = browserFetch }: SessionOptions = {}): Promise<void> {
    await postLogout(fetch);
    setUser(null);
  }

  /** Forgets the user without asking the server, e.g. when it answered 401 (the session expired). */
  function forget(): void {
    setUser(null);
  }

  return { user, expiresAt, status, error, signedIn, load, ensureLoaded, login, logout, forget };
});
