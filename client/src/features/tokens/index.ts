export { createToken, fetchTokens, revokeToken, tokenState, type NewToken, type TokenInfo } from './api';

/** The tokens feature's pages, loaded when their route is first visited. */
export const tokensPages = {
  /** `/tokens`: one's personal access tokens. */
  tokens: () => import('./TokensPage.vue'),
};
