import { describe, expect, it } from 'vitest';
import { HttpError } from '../../api/http';
import { loginErrorMessage } from './loginErrors';

describe('loginErrorMessage', () => {
  it.each([
    ['wrong credentials', new HttpError(401, 'wrong username or password', 'invalid_credentials'), { key: 'invalidCredentials', params: {} }],
    ['a locked account, in whole minutes', new HttpError(429, 'locked', 'account_locked', { retryAfter: 841 }), { key: 'accountLocked', params: { minutes: 15 } }],
    ['a lock about to end', new HttpError(429, 'locked', 'account_locked', { retryAfter: 5 }), { key: 'accountLocked', params: { minutes: 1 } }],
    ['too many attempts', new HttpError(429, 'slow down', 'too_many_attempts', { retryAfter: 42 }), { key: 'tooManyAttempts', params: { seconds: 42 } }],
    ['a disabled account', new HttpError(403, 'disabled', 'account_disabled'), { key: 'accountDisabled', params: {} }],
    ['a missing password', new HttpError(400, 'invalid body', 'bad_request', [{ field: 'password', message: 'password is required' }]), { key: 'missingPassword', params: {} }],
    ['a cross-site refusal', new HttpError(403, 'cross-site', 'csrf'), { key: 'csrf', params: {} }],
    ['a server failure', new HttpError(502, 'HTTP 502'), { key: 'server', params: {} }],
    ['an unreachable server', new TypeError('Failed to fetch'), { key: 'network', params: {} }],
    ['anything else', new HttpError(418, 'teapot', 'teapot'), { key: 'other', params: { message: 'teapot' } }],
  ])('explains %s', (_what, error, expected) => {
    expect(loginErrorMessage(error)).toEqual(expected);
  });
});
