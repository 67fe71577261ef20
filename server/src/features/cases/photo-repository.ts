import type { Db } from '../../db/database';
import type { PhotoKind, PHOTO_TYPES } from '@shared/cases';
import { chunksOf, valuesList } from './bulk-sql';

/** A case photo as stored. */
export interface PhotoRecord {
  id: number;
  caseId: number;
  kind: PhotoKind;
  mime: (typeof PHOTO_TYPES)[number];
  bytes: number;
  width: number;
  height: number;
  takenAt: string | null;
  lon: number | null;
  lat: number | null;
  sha256: string;
  /** Server-made name of the original in the case's upload folder. */
  fileName: string;
  /** Server-made name of the thumbnail in the case's upload folder. */
  thumbName: string;
  userId: number | null;
  demo: boolean;
  createdAt: string;
}

/** A photo to store: everything but its id. */
export type NewPhoto = Omit<PhotoRecord, 'id'>;

const SELECT = `SELECT id, case_id AS "caseId", kind, mime, bytes, width, height, taken_at AS "takenAt", lon, lat, sha256,
  file_name AS "fileName", thumb_name AS "thumbName", user_id AS "userId", demo, created_at AS "createdAt" FROM case_photos`;

const toRecord = (row: Record<string, unknown>): PhotoRecord => ({ ...row, demo: row.demo === 1 }) as unknown as PhotoRecord;

/** SQL access to `case_photos`. */
export function createPhotoRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO case_photos (case_id, kind, mime, bytes, width, height, taken_at, lon, lat, sha256, file_name, thumb_name, user_id, demo, created_at)
    VALUES (@caseId, @kind, @mime, @bytes, @width, @height, @takenAt, @lon, @lat, @sha256, @fileName, @thumbName, @userId, @demo, @createdAt)
    RETURNING id`).pluck();
  const ofCase = db.prepare<[number]>(`${SELECT} WHERE case_id = ? ORDER BY id`);
  const one = db.prepare<[number, number]>(`${SELECT} WHERE case_id = ? AND id = ?`);
  const countKind = db.prepare<[number, string], number>('SELECT count(*) FROM case_photos WHERE case_id = ? AND kind = ?').pluck();
  const countSince = db.prepare<[number, string, string], number>('SELECT count(*) FROM case_photos WHERE case_id = ? AND kind = ? AND created_at >= ?').pluck();

  return {
    /** Stores a photo's metadata; returns its id. */
    insert: (p: NewPhoto): number => Number(insert.get({ ...p, demo: p.demo ? 1 : 0 })),
    /** Stores many photos' metadata in order with a few multi-row statements (a generated history). */
    insertMany(list: readonly NewPhoto[]): void {
      const columns = ['case_id', 'kind', 'mime', 'bytes', 'width', 'height', 'taken_at', 'lon', 'lat', 'sha256', 'file_name', 'thumb_name', 'user_id', 'demo', 'created_at'];
      for (const chunk of chunksOf(list, columns.length)) {
        db.prepare(`INSERT INTO case_photos (${columns.join(', ')}) VALUES ${valuesList(chunk.length, columns.length)}`).run(...chunk.flatMap((p) => [
          p.caseId, p.kind, p.mime, p.bytes, p.width, p.height, p.takenAt, p.lon, p.lat, p.sha256, p.fileName, p.thumbName, p.userId, p.demo ? 1 : 0, p.createdAt,
        ]));
      }
    },
    /** A case's photos in upload order. */
    list: (caseId: number): PhotoRecord[] => (ofCase.all(caseId) as Record<string, unknown>[]).map(toRecord),
    /** One photo of a case, or undefined. */
    get(caseId: number, id: number): PhotoRecord | undefined {
      const row = one.get(caseId, id) as Record<string, unknown> | undefined;
      return row ? toRecord(row) : undefined;
    },
    /** How many photos of a kind a case has. */
    count: (caseId: number, kind: PhotoKind): number => countKind.get(caseId, kind) ?? 0,
    /** How many photos of a kind were uploaded to a case at or after an instant. */
    countSince: (caseId: number, kind: PhotoKind, since: string): number => countSince.get(caseId, kind, since) ?? 0,
  };
}

/** The photo repository's interface. */
export type PhotoRepository = ReturnType<typeof createPhotoRepository>;
