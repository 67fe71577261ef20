import { z } from 'zod';

/** Photo kinds: `before` (the problem, at filing) and `after` (the department's proof, needed for feedback). */
export const PHOTO_KINDS = ['before', 'after'] as const;
/** A photo kind. */
export type PhotoKind = (typeof PHOTO_KINDS)[number];
/** Image types accepted, as sniffed from the bytes (never from the name or the declared type). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** Upload limits: photos of one kind per case, bytes per file and pixels per image (a 50 MP phone photo). */
export const PHOTO_LIMITS = { perKind: 5, maxBytes: 10 * 1024 * 1024, maxPixels: 50_000_000 } as const;
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
