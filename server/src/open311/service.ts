import { randomUUID } from 'node:crypto';
import { contactSchema, DEPARTMENT_NAMES, OPEN_STATES, type CaseCategory, type CaseState } from '@shared/cases';
import { BadRequestError, NotFoundError } from '../errors';
import { localInstant, type Calendar } from '../features/calendar';
import { type CaseEventRepository, type CaseRecord, type CaseRepository, type CaseService, type CaseLocator, type CategoryRepository } from '../features/cases';
import type { GeocodeService } from '../features/geocode';
import type { ApiKeyRecord } from './api-key-repository';
import { placeRequest } from './placement';
import type { RequestExtras, RequestExtrasRepository } from './request-extras-repository';
import { ATTRIBUTES, checkAttributes, serviceView, STATE_NOTES, type Lang } from './views';
import type { RequestForm, RequestsQuery } from './schemas';
import type { XmlObject } from './xml';

/** The longest span GET requests covers, and its default (90 days). */
export const MAX_SPAN_MS = 90 * 86_400_000;
/** The most requests one GET returns. */
export const MAX_REQUESTS = 1000;

/** An instant as ISO 8601 in local time with its zone (`2011-03-07T10:15:00+08:00`). */
export function zoned(instant: string | null, offsetMinutes: number): string | null {
  if (!instant) return null;
  const local = new Date(Date.parse(instant) + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offsetMinutes);
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** What the Open311 service reads and writes through. */
export interface Open311Deps {
  cases: CaseRepository;
  events: CaseEventRepository;
  categories: CategoryRepository;
  /** The district's working calendar: times are shown and read in its UTC offset. */
  calendar: Calendar;
  locator: CaseLocator;
  writes: Pick<CaseService, 'file'>;
  /** Places reports that give an address instead of coordinates. */
  geocoder: Pick<GeocodeService, 'geocode' | 'byAddressId'>;
  /** The `media_url` and `address_id` kept with each report. */
  extras: RequestExtrasRepository;
}

/** GeoReport v2 over the case catalogue and the case service; never shows reporters' contact data. */
export function createOpen311Service(deps: Open311Deps) {
  const { cases, events, categories, calendar, locator, writes, geocoder, extras } = deps;
  const offset = () => calendar.load().offsetMinutes;

  function activeCategory(code: string): CaseCategory {
    const category = categories.get(code);
    if (!category?.active) throw new NotFoundError(`service_code "${code}" not found`);
    return category;
  }

  function requestView(c: CaseRecord, lang: Lang, withNotes: boolean, kept: RequestExtras | undefined): XmlObject {
    const category = categories.get(c.categoryCode);
    const closed = !(OPEN_STATES as readonly CaseState[]).includes(c.state);
    const notes = [STATE_NOTES[c.state][lang === 'en' ? 1 : 0], c.postponed ? (lang === 'en' ? 'postponed' : '已延期') : '', c.reworkCount ? (lang === 'en' ? `sent back ${c.reworkCount}×` : `返工 ${c.reworkCount} 次`) : '']
      .filter(Boolean).join(lang === 'en' ? '; ' : '；');
    const o = offset();
    return {
      service_request_id: c.number,
      status: closed ? 'closed' : 'open',
      status_notes: `${notes} (${c.state})`,
      service_name: category ? category.name[lang] : c.categoryCode,
      service_code: c.categoryCode,
      description: c.description,
      agency_responsible: c.department ? DEPARTMENT_NAMES[c.department][lang] : null,
      service_notice: null,
      requested_datetime: zoned(c.reportedAt, o),
      updated_datetime: zoned(c.updatedAt, o),
      expected_datetime: zoned(c.deadline, o),
      address: c.address,
      address_id: kept?.addressId ?? null,
      zipcode: null,
      lat: c.lat,
      long: c.lon,
      media_url: kept?.mediaUrl ?? null,
      ...(withNotes ? { notes: events.list(c.id).map((e) => ({ datetime: zoned(e.at, o), summary: e.action, type: 'activity', status: e.to })) } : {}),
    };
  }

  function range(q: RequestsQuery, now: Date): { from: string; to: string } {
    const o = offset();
    let to = q.end_date ? Date.parse(localInstant(q.end_date, o, true)) : undefined;
    let from = q.start_date ? Date.parse(localInstant(q.start_date, o)) : undefined;
    if (from === undefined && to === undefined) to = now.getTime();
    if (from === undefined) from = to! - MAX_SPAN_MS;
    if (to === undefined) to = from + MAX_SPAN_MS;
    if (from > to) throw new BadRequestError('start_date is after end_date');
    if (to - from > MAX_SPAN_MS) throw new BadRequestError('start_date and end_date may be at most 90 days apart');
    return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  }

  return {
    /** Every active category as a service. */
    services: (lang: Lang): XmlObject[] => categories.list().filter((c) => c.active).map((c) => serviceView(c, lang)),

    /** A service's definition: the attributes a request may carry. */
    definition(code: string, lang: Lang): XmlObject {
      activeCategory(code);
      return { service_code: code, attributes: ATTRIBUTES.map((a) => a.view(lang)) };
    },

    /** Files a case from a POSTed request (channel open311; contact fields go to the private contact data). */
    create(form: RequestForm, attributes: Record<string, string>, key: ApiKeyRecord, lang: Lang, now = new Date()): XmlObject {
      const category = activeCategory(form.service_code);
      const place = placeRequest(form, geocoder);
      locator.assertInDistrict(place.lon, place.lat);
      const attrs = checkAttributes(attributes);
      const contact = contactSchema.safeParse({ name: [form.first_name, form.last_name].filter(Boolean).join(' ') || undefined, phone: form.phone, email: form.email });
      if (!contact.success) throw new BadRequestError(`invalid contact: ${contact.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const token = randomUUID();
      const hasContact = Object.values(contact.data).some((v) => v !== undefined);
      const { record } = writes.file({
        category: category.code, lon: place.lon, lat: place.lat, address: place.address, idempotencyKey: token, channel: 'open311',
        description: form.description ?? (lang === 'en' ? `${category.name.en} (reported through Open311)` : `${category.name.zh}（市民通过 Open311 上报）`),
        ...(hasContact ? { contact: contact.data } : {}),
      }, { id: null, username: `open311:${key.name}` }, now, {
        eventData: { apiKey: key.name, location: place.location, ...(Object.keys(attrs).length ? { attributes: attrs } : {}), ...(form.device_id ? { deviceId: form.device_id } : {}), ...(form.account_id ? { accountId: form.account_id } : {}), ...(form.media_url ? { mediaUrl: form.media_url } : {}) },
      });
      const limit = `${category.timeLimit.value} ${category.timeLimit.unit === 'wh' ? (lang === 'en' ? 'working hours' : '工作时') : (lang === 'en' ? 'working days' : '工作日')}`;
      return {
        service_request_id: record.number,
        token,
        service_notice: (lang === 'en' ? `Received. Once registered and dispatched, it is to be handled within ${limit}.` : `已受理。立案派遣后须在 ${limit} 内处置。`)
          + (place.location.place ? (lang === 'en' ? ` Placed by its address at ${place.location.place}.` : `已按地址定位到：${place.location.place}。`) : ''),
        account_id: form.account_id ?? null,
      };
    },

    /** Requests by id (others ignored), or by service, status and report time within 90 days (default: the last 90), newest first, at most 1000. */
    list(q: RequestsQuery, now = new Date()): XmlObject[] {
      const lang = q.lang ?? 'zh';
      const withNotes = q.extensions === 'true';
      if (q.service_request_id) {
        const { rows } = cases.list({ numbers: q.service_request_id }, MAX_REQUESTS, 0);
        const found = new Map(rows.map((c) => [c.number, c]));
        const kept = extras.of(rows.map((c) => c.id));
        return q.service_request_id.flatMap((n) => (found.has(n) ? [requestView(found.get(n)!, lang, withNotes, kept.get(found.get(n)!.id))] : []));
      }
      const { from, to } = range(q, now);
      const states = q.status?.length === 1 ? (q.status[0] === 'open' ? OPEN_STATES : (['closed', 'rejected', 'void'] as const)) : undefined;
      const { rows } = cases.list({ reportedFrom: from, reportedTo: to, categories: q.service_code, states }, MAX_REQUESTS, 0);
      const kept = extras.of(rows.map((c) => c.id));
      return rows.map((c) => requestView(c, lang, withNotes, kept.get(c.id)));
    },

    /** One request by its service_request_id (404 when there is none). */
    get(id: string, lang: Lang, withNotes: boolean): XmlObject {
      const c = /^QB\d{4}-\d{6}$/.test(id) ? cases.getByNumber(id) : undefined;
      if (!c) throw new NotFoundError(`service_request_id "${id}" not found`);
      return requestView(c, lang, withNotes, extras.of([c.id]).get(c.id));
    },

    /** The request a token of an Open311 POST became. */
    token(token: string): XmlObject {
      const c = /^[0-9a-f-]{36}$/i.test(token) ? cases.getByIdempotencyKey(token.toLowerCase()) : undefined;
      if (!c || c.channel !== 'open311') throw new NotFoundError(`token "${token}" not found`);
      return { service_request_id: c.number, token: token.toLowerCase() };
    },
  };
}

/** The Open311 service's interface. */
export type Open311Service = ReturnType<typeof createOpen311Service>;
