import type { tokensZhCN } from './messages.zh-CN';

/** Texts of the personal access tokens page (en). */
export const tokensEn: typeof tokensZhCN = {
  title: 'Access tokens',
  intro: 'A personal access token lets QGIS, GDAL or a script read and edit through the OGC API as you, with your role (header Authorization: Bearer <token>). A token is shown only once, when it is made: keep it safe, and revoke it as soon as it is no longer needed.',
  label: 'Name',
  labelPlaceholder: 'e.g. office QGIS',
  lifetime: 'Valid for',
  lifetimes: { none: 'Until revoked', d30: '30 days', d90: '90 days', d365: '1 year' },
  create: 'Create token',
  creating: 'Creating…',
  created: 'Token created. It is shown only this once: copy it now.',
  copy: 'Copy',
  copied: 'Copied',
  loading: 'Loading tokens…',
  empty: 'You have no tokens yet.',
  error: 'Could not load the tokens: {message}',
  retry: 'Retry',
  columns: { label: 'Name', prefix: 'Starts with', created: 'Created', expires: 'Expires', lastUsed: 'Last used', state: 'State' },
  never: 'never',
  noExpiry: 'never',
  states: { usable: 'usable', revoked: 'revoked', expired: 'expired' },
  revoke: 'Revoke',
  revokeConfirm: 'Revoke the token "{label}"? Programs using it lose access at once.',
  failed: 'That did not work: {message}',
};
