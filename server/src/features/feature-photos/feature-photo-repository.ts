import type { PHOTO_TYPES } from '@shared/cases';
import type { FeaturePhotoKind } from '@shared/feature-photos';
import type { Db } from '../../db/database';

/** A feature photo as stored, with its uploader's user name. */
export interface FeaturePhotoRecord {
  id: number;
  layerId: string;
  featureId: number;
  kind: FeaturePhotoKind;
  mime: (typeof PHOTO_TYPES)[number];
  bytes: number;
  width: number;
  height: number;
  sha256: string;
  /** Server-made name of the original in the feature's upload folder. */
  fileName: string;
  /** Server-made name of the thumbnail in the feature's upload folder. */
  thumbName: string;
  takenAt: string | null;
  caption: string;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
}

/** A photo to store: everything but its id and the uploader's name. */
export type NewFeaturePhoto = Omit<FeaturePhotoRecord, 'id' | 'createdByName'>;

// camelCase aliases are quoted: PostgreSQL folds unquoted names to lower case
const SELECT = `SELECT p.id, p.layer_id AS "layerId", p.feature_id AS "featureId", p.kind, p.mime, p.bytes, p.width, p.height, p.sha256,
  p.file_name AS "fileName", p.thumb_name AS "thumbName", p.taken_at AS "takenAt", p.caption, p.created_by AS "createdBy",
  u.username AS "createdByName", p.created_at AS "createdAt"
  FROM feature_photos p LEFT JOIN users u ON u.id = p.created_by`;

/** SQL access to `feature_photos`. */
export function createFeaturePhotoRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO feature_photos (layer_id, feature_id, kind, mime, bytes, width, height, sha256, file_name, thumb_name, taken_at, caption, created_by, created_at)
    VALUES (@layerId, @featureId, @kind, @mime, @bytes, @width, @height, @sha256, @fileName, @thumbName, @takenAt, @caption, @createdBy, @createdAt)
    RETURNING id`).pluck();
  const ofFeature = db.prepare<[string, number], FeaturePhotoRecord>(`${SELECT} WHERE p.layer_id = ? AND p.feature_id = ? ORDER BY p.kind, p.id`);
  const one = db.prepare<[string, number, number], FeaturePhotoRecord>(`${SELECT} WHERE p.layer_id = ? AND p.feature_id = ? AND p.id = ?`);
  const countKind = db.prepare<[number, string], number>('SELECT count(*) FROM feature_photos WHERE feature_id = ? AND kind = ?').pluck();
  const remove = db.prepare<[number]>('DELETE FROM feature_photos WHERE id = ?');

  return {
    /** Stores a photo's metadata; returns its id. */
    insert: (p: NewFeaturePhoto): number => insert.get(p) as number,
    /** A feature's photos, "after" before "before" alphabetically, each kind in upload order. */
    list: (layerId: string, featureId: number): FeaturePhotoRecord[] => ofFeature.all(layerId, featureId),
    /** One photo of a feature, or undefined. */
    get: (layerId: string, featureId: number, id: number): FeaturePhotoRecord | undefined => one.get(layerId, featureId, id),
    /** How many photos of a kind a feature has. */
    count: (featureId: number, kind: FeaturePhotoKind): number => countKind.get(featureId, kind) ?? 0,
    /** Deletes a photo's row. */
    remove: (id: number): void => {
      remove.run(id);
    },
  };
}

/** The feature photo repository's interface. */
export type FeaturePhotoRepository = ReturnType<typeof createFeaturePhotoRepository>;
