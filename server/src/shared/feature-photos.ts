import { z } from 'zod';
import type { PHOTO_TYPES } from './cases';
import { FEATURE_PHOTO_KINDS, FEATURE_PHOTO_LIMITS } from './upload-limits';

export { FEATURE_PHOTO_KINDS, FEATURE_PHOTO_LIMITS } from './upload-limits';

/** A feature photo kind. */
export type FeaturePhotoKind = (typeof FEATURE_PHOTO_KINDS)[number];

/** Form fields of `POST /api/layers/:layerId/features/:featureId/photos` (the files go in `photos`). */
export const featurePhotoUploadFields = z.strictObject({
  kind: z.enum(FEATURE_PHOTO_KINDS),
  caption: z.string().trim().max(FEATURE_PHOTO_LIMITS.captionChars).optional(),
});

/** A feature photo's metadata; `url` and `thumbUrl` stream the original and its thumbnail. */
export interface FeaturePhoto {
  id: number;
  layerId: string;
  featureId: number;
  kind: FeaturePhotoKind;
  mime: (typeof PHOTO_TYPES)[number];
  bytes: number;
  width: number;
  height: number;
  /** From EXIF DateTimeOriginal, when present. */
  takenAt: string | null;
  caption: string;
  /** User name of the uploader (null when the account is gone). */
  createdBy: string | null;
  createdAt: string;
  url: string;
  thumbUrl: string;
}

/** `GET` and `POST /api/layers/{layerId}/features/{featureId}/photos`: a feature's photos (or those just stored). */
export interface FeaturePhotosAnswer {
  photos: FeaturePhoto[];
}
