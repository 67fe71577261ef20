import type { Router } from 'vue-router';
import { setAuthFailureHandler } from '../../api/http';
import type { NoticeInput } from '../../app/notices';
import { loginLocation } from './redirect';
import type { SessionUser } from './roles';

/** What `handleAuthFailures` acts on. */
export interface AuthFailureDeps {
  router: Router;
  session: { readonly user: SessionUser | null; forget(): void };
  notices: { show(notice: NoticeInput): void };
}

/**
 * Reacts to the API's refusals app-wide: a 401 (no or expired session) forgets the user and
 * opens the login page, which brings them back here; a 403 says plainly that their role may not
 * do this. Returns the function that stops it.
 */
export function handleAuthFailures({ router, session, notices }: AuthFailureDeps): () => void {
  return setAuthFailureHandler((failure) => {
    if (failure.status === 401) {
      session.forget();
      const current = router.currentRoute.value;
      if (current.path !== '/login') void router.push(loginLocation(current.fullPath));
      return;
    }
    if (failure.code === 'csrf') notices.show({ key: 'notices.csrf' });
    else notices.show({ key: 'notices.forbidden', role: session.user?.role });
  });
}
