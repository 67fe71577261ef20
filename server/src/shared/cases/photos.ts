import { z } from 'zod';
import { PHOTO_KINDS, type PHOTO_TYPES } from '../upload-limits';

export { PHOTO_KINDS, PHOTO_LIMITS, PHOTO_TYPES } from '../upload-limits';

/** A photo kind. */
export type PhotoKind = (typeof PHOTO_KINDS)[number];
/** Form fields of `POST /api/cases/:id/photos` (the files go in `photos`). */
export const photoUploadFields = z.strictObject({ kind: z.enum(PHOTO_KINDS).default('before') });

/** A case photo's metadata; `url` and `thumbUrl` stream the original and its thumbnail. */
export interface CasePhoto {
  id: number;
  kind: PhotoKind;
  mime: (typeof PHOTO_TYPES)[number];
  bytes: number;
  width: number;
  height: number;
  /** From EXIF DateTimeOriginal, when present. */
  takenAt: string | null;
  /** From EXIF GPS (WGS84), when present. */
  lon: number | null;
  lat: number | null;
  sha256: string;
  uploadedAt: string;
  demo: boolean;
  url: string;
  thumbUrl: string;
}

/** `POST /api/photos/exif`: a photo's EXIF position and time (null when it has none). */
export interface ExifAnswer {
  lon: number | null;
  lat: number | null;
  takenAt: string | null;
}

/** `POST /api/cases/{id}/photos`: the photos just stored. */
export interface CasePhotosAnswer {
  photos: CasePhoto[];
}
