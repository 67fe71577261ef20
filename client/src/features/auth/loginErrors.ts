import { HttpError } from '../../api/http';

/** An i18n key under `login.errors` with its parameters: what the form tells the user. */
export interface LoginErrorMessage {
  key: 'invalidCredentials' | 'accountLocked' | 'tooManyAttempts' | 'accountDisabled' | 'missingUsername' | 'missingPassword' | 'network' | 'server' | 'csrf' | 'other';
  params: Record<string, string | number>;
}

function retryAfter(details: unknown): number | undefined {
  const seconds = (details as { retryAfter?: unknown } | undefined)?.retryAfter;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

function missingField(details: unknown): string | undefined {
  if (!Array.isArray(details)) return undefined;
  const field = (details as { field?: unknown }[]).map((d) => d?.field).find((f) => f === 'username' || f === 'password');
  return typeof field === 'string' ? field : undefined;
}

/** Explains why a login failed, from the server's error code (or a network failure). */
export function loginErrorMessage(error: unknown): LoginErrorMessage {
  if (!(error instanceof HttpError)) {
    return error instanceof TypeError ? { key: 'network', params: {} } : { key: 'other', params: { message: error instanceof Error ? error.message : String(error) } };
  }
  const seconds = retryAfter(error.details);
  switch (error.code) {
    case 'invalid_credentials':
      return { key: 'invalidCredentials', params: {} };
    case 'account_locked':
      return { key: 'accountLocked', params: { minutes: Math.max(1, Math.ceil((seconds ?? 60) / 60)) } };
    case 'too_many_attempts':
      return { key: 'tooManyAttempts', params: { seconds: seconds ?? 60 } };
    case 'account_disabled':
      return { key: 'accountDisabled', params: {} };
    case 'csrf':
      return { key: 'csrf', params: {} };
    case 'bad_request': {
      const field = missingField(error.details);
      if (field) return { key: field === 'username' ? 'missingUsername' : 'missingPassword', params: {} };
    }
  }
  if (error.status >= 500) return { key: 'server', params: {} };
  return { key: 'other', params: { message: error.message } };
}
