import { z } from 'zod';
import { CATEGORY_CODE } from '@shared/cases';
import { plainText } from '@shared/text';

/** Response formats of GeoReport v2 (XML is the spec's required one). */
export const OPEN311_FORMATS = ['json', 'xml'] as const;
/** A response format. */
export type Open311Format = (typeof OPEN311_FORMATS)[number];
/** The media type each format is sent as (and listed as in the discovery document). */
export const OPEN311_MEDIA_TYPES: Readonly<Record<Open311Format, string>> = { xml: 'application/xml', json: 'application/json' };

/** An empty form or query value counts as absent. */
const opt = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const text = (max: number) => plainText(1, max);
const dateOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { message: 'an ISO 8601 date or date-time with zone' });

/** The body of `POST /requests.{fmt}` (a form, or a JSON object with the same names); `attribute[code]` fields are read apart. */
export const requestForm = z.object({
  api_key: opt(z.string().max(200)),
  jurisdiction_id: opt(text(100)),
  service_code: z.string({ message: 'service_code is required' }).trim().min(1, 'service_code is required').max(20),
  lat: opt(z.coerce.number().min(-90).max(90)),
  long: opt(z.coerce.number().min(-180).max(180)),
  address_string: opt(text(200)),
  address_id: opt(text(100)),
  email: opt(z.email().max(200)),
  device_id: opt(text(200)),
  account_id: opt(text(200)),
  first_name: opt(text(50)),
  last_name: opt(text(50)),
  phone: opt(plainText(3, 40)),
  description: opt(text(4000)),
  /** A link to the reporter's photo: http or https only (never `javascript:`, `data:` or `file:`). */
  media_url: opt(z.url({ protocol: /^https?$/, message: 'media_url must be an http or https URL' }).max(2000)),
});
/** A parsed POST form. */
export type RequestForm = z.infer<typeof requestForm>;

const commaList = <T extends z.ZodType<unknown, string>>(item: T, max: number) =>
  z.string().transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean)).pipe(z.array(item).min(1).max(max));

/** Query of `GET /requests.{fmt}`. */
export const requestsQuery = z.object({
  service_request_id: opt(commaList(z.string().regex(/^QB\d{4}-\d{6}$/, 'a service_request_id like QB2011-000123'), 1000)),
  service_code: opt(commaList(z.string().regex(CATEGORY_CODE, 'a service_code like E01-02'), 100)),
  start_date: opt(dateOrInstant),
  end_date: opt(dateOrInstant),
  status: opt(commaList(z.enum(['open', 'closed']), 2)),
  extensions: opt(z.enum(['true', 'false'])),
  lang: opt(z.enum(['zh', 'en'])),
  jurisdiction_id: opt(z.string().max(100)),
});
/** A parsed GET requests query. */
export type RequestsQuery = z.infer<typeof requestsQuery>;

/** Query of the other GETs: language, jurisdiction and the notes extension. */
export const commonQuery = requestsQuery.pick({ extensions: true, lang: true, jurisdiction_id: true });
