import type { z } from 'zod';
import { BadRequestError } from './errors';

/** Validates a request body with a zod schema; a 400 names every bad field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
  throw new BadRequestError(`invalid body: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`, details);
}

/** Validates a query with a zod schema; a 400 names every bad parameter. */
export function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.infer<T> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(query)', message: i.message }));
  throw new BadRequestError(`invalid query: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`, details);
}
