import type { loginZhCN } from './login.zh-CN';

/** English strings of the sign-in page (an area, loaded with it: see ./areas.ts). */
export const loginEn: typeof loginZhCN = {
  title: 'Sign in',
  heading: 'Sign in to Qingbo One Map',
  intro: 'Sign in with your account.',
  needed: 'Sign in to continue to {path}.',
  username: 'Username',
  password: 'Password',
  submit: 'Sign in',
  submitting: 'Signing in…',
  signedInAs: 'You are signed in as {name} ({role}); you can sign in with another account.',
  errors: {
    invalidCredentials: 'Wrong username or password.',
    accountLocked: 'Too many wrong passwords: the account is locked. Try again in {minutes} minutes.',
    tooManyAttempts: 'Too many sign-in attempts. Try again in {seconds} seconds.',
    accountDisabled: 'This account is disabled. Ask an administrator.',
    missingUsername: 'Enter your username.',
    missingPassword: 'Enter your password.',
    network: 'Cannot reach the server. Check your connection and try again.',
    server: 'The server failed. Try again later.',
    csrf: 'The request was refused (cross-site). Reload the page and try again.',
    other: 'Sign-in failed: {message}',
  },
  demo: {
    title: 'Demo accounts',
    note: 'Accounts of the demo district, for trying the console out; a real deployment switches them off. Every password is {password}.',
    use: 'Use the {username} account',
  },
};
