import { z } from 'zod';

/** Longest lifetime of a personal access token, in days (none: until revoked). */
export const MAX_TOKEN_DAYS = 3650;

/** Most usable tokens one account may hold at once. */
export const MAX_TOKENS_PER_USER = 20;

/** Body of `POST /api/auth/tokens`: a label, an optional lifetime, and (admins only) whose token. */
export const newTokenBody = z.strictObject({
  label: z.string().trim().min(1, 'label is required').max(64),
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).optional(),
  username: z.string().trim().min(1).max(64).optional(),
});

/** A personal access token as listed (never the token: only its first characters). */
export interface TokenInfo {
  id: number;
  username: string;
  label: string;
  /** The token's first characters, to tell tokens apart. */
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** `GET /api/auth/tokens`. */
export interface TokenList {
  tokens: TokenInfo[];
}

/** `POST /api/auth/tokens`: the token, shown only this once. */
export interface NewTokenAnswer {
  token: string;
  info: TokenInfo;
}
