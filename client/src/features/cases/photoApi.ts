import type { CasePhotosAnswer } from '@shared/cases';
import { PHOTO_LIMITS, PHOTO_TYPES as SERVER_PHOTO_TYPES } from '@shared/upload-limits';
import { requestJson, type FetchLike } from '../../api/http';
import type { CasePhoto, ExifAnswer, PhotoKind } from './types';

/** Photos of one kind (before, after) a case may have. */
export const MAX_PHOTOS = PHOTO_LIMITS.perKind;
/** Largest photo the server takes, in bytes. */
export const MAX_PHOTO_BYTES = PHOTO_LIMITS.maxBytes;
/** Image types the server takes. */
export const PHOTO_TYPES = SERVER_PHOTO_TYPES;

/** A photo to upload: a `File`, or bytes kept offline with their name and type. */
export interface PhotoUpload {
  name: string;
  blob: Blob;
}

/** The URL of a case photo's original. */
export function photoUrl(caseId: number, photoId: number | string): string {
  return `/api/cases/${caseId}/photos/${encodeURIComponent(String(photoId))}`;
}

/** The URL of a case photo's thumbnail. */
export function thumbUrl(caseId: number, photoId: number | string): string {
  return `${photoUrl(caseId, photoId)}/thumb`;
}

/**
 * `POST /api/cases/:id/photos` (multipart, field `photos`, with `kind`): adds 1–5 photos.
 * Answers the stored photos when the server lists them.
 */
export async function uploadPhotos(caseId: number, kind: PhotoKind, photos: readonly PhotoUpload[], fetch: FetchLike, signal?: AbortSignal): Promise<CasePhoto[]> {
  const form = new FormData();
  form.append('kind', kind);
  for (const photo of photos) form.append('photos', photo.blob, photo.name);
  const answer = await requestJson<Partial<CasePhotosAnswer> | undefined>(`/api/cases/${caseId}/photos`, {
    fetch, signal, method: 'POST', body: form, reportAuthFailures: false,
  });
  return Array.isArray(answer?.photos) ? answer.photos : [];
}

/** `POST /api/photos/exif` (multipart, field `photo`): the GPS position and time in a photo's EXIF. */
export async function readExif(photo: Blob, name: string, fetch: FetchLike, signal?: AbortSignal): Promise<ExifAnswer> {
  const form = new FormData();
  form.append('photo', photo, name);
  const answer = await requestJson<Partial<ExifAnswer> | undefined>('/api/photos/exif', { fetch, signal, method: 'POST', body: form });
  const lon = typeof answer?.lon === 'number' ? answer.lon : null;
  const lat = typeof answer?.lat === 'number' ? answer.lat : null;
  return { lon, lat, takenAt: typeof answer?.takenAt === 'string' ? answer.takenAt : null };
}

/** Why a file cannot be a case photo, or undefined when it can. */
export function photoProblem(file: Pick<File, 'type' | 'size'>): 'type' | 'size' | undefined {
  if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) return 'type';
  if (file.size > MAX_PHOTO_BYTES) return 'size';
  return undefined;
}
