import { isPostgres, type Db } from '../db/database';

/** What an Open311 report kept beside its case, in the data of its `report` event. */
export interface RequestExtras {
  mediaUrl: string | null;
  addressId: string | null;
}

interface Row {
  case_id: number;
  media_url: unknown;
  address_id: unknown;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** SQL behind the Open311 fields kept with a report (its `media_url`, its geocoded `address_id`). */
export function createRequestExtrasRepository(db: Db) {
  const ofCases = db.prepare<[string], Row>(isPostgres(db)
    ? `SELECT case_id, CAST(data AS jsonb) ->> 'mediaUrl' AS media_url, CAST(data AS jsonb) #>> '{location,addressId}' AS address_id
       FROM case_events WHERE action = 'report' AND case_id IN (SELECT CAST(v AS bigint) FROM jsonb_array_elements_text(CAST(? AS jsonb)) AS t(v))`
    : `SELECT case_id, json_extract(data, '$.mediaUrl') AS media_url, json_extract(data, '$.location.addressId') AS address_id
       FROM case_events WHERE action = 'report' AND case_id IN (SELECT value FROM json_each(?))`);
  return {
    /** The extras of each case that has a report event, by case id. */
    of(caseIds: readonly number[]): Map<number, RequestExtras> {
      if (caseIds.length === 0) return new Map();
      return new Map(ofCases.all(JSON.stringify(caseIds)).map((r) => [r.case_id, { mediaUrl: text(r.media_url), addressId: text(r.address_id) }]));
    },
  };
}

/** The request extras repository's interface. */
export type RequestExtrasRepository = ReturnType<typeof createRequestExtrasRepository>;
