import type { FeaturePhoto, FeaturePhotoKind, FeaturePhotosAnswer } from '@shared/feature-photos';
import { FEATURE_PHOTO_KINDS, FEATURE_PHOTO_LIMITS } from '@shared/upload-limits';
import { getJson, HttpError, requestJson, type FetchLike } from '../../../api/http';

/** Photo kinds in display order (the server's list). */
export const PHOTO_KINDS = FEATURE_PHOTO_KINDS;
/** The server's limits: files per upload, photos of a kind per feature, caption length. */
export const PHOTO_LIMITS = FEATURE_PHOTO_LIMITS;

/** The URL of a feature's photo list (and of its uploads). */
export function featurePhotosUrl(layerId: string, featureId: string | number): string {
  return `/api/layers/${encodeURIComponent(layerId)}/features/${encodeURIComponent(String(featureId))}/photos`;
}

/** `GET …/photos`: a feature's before/after photos. */
export async function listFeaturePhotos(layerId: string, featureId: string | number, fetch: FetchLike, signal?: AbortSignal): Promise<FeaturePhoto[]> {
  const body = await getJson<Partial<FeaturePhotosAnswer>>(featurePhotosUrl(layerId, featureId), { fetch, signal, cache: 'no-store' });
  if (!Array.isArray(body.photos)) throw new TypeError('the photo list is not an array');
  return body.photos;
}

/** `DELETE …/photos/:id`. */
export async function deleteFeaturePhoto(layerId: string, featureId: string | number, photoId: number, fetch: FetchLike): Promise<void> {
  await requestJson<void>(`${featurePhotosUrl(layerId, featureId)}/${photoId}`, { fetch, method: 'DELETE' });
}

/** What an upload sends. */
export interface FeaturePhotoUpload {
  layerId: string;
  featureId: string | number;
  kind: FeaturePhotoKind;
  caption: string;
  files: readonly File[];
  /** Called with the share sent so far, 0–1. */
  onProgress?: (share: number) => void;
  signal?: AbortSignal;
}

/** The XMLHttpRequest constructor to use (tests pass a fake). */
export type XhrFactory = () => XMLHttpRequest;

function errorOf(xhr: XMLHttpRequest): HttpError {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { code?: string; message?: string; details?: unknown } };
    return new HttpError(xhr.status, body.error?.message ?? `HTTP ${xhr.status}`, body.error?.code, body.error?.details);
  } catch {
    return new HttpError(xhr.status, `HTTP ${xhr.status}${xhr.statusText ? ` ${xhr.statusText}` : ''}`);
  }
}

/**
 * `POST …/photos` (multipart: `kind`, `caption`, files in `photos`) with upload progress, which
 * fetch cannot report. Resolves to the stored photos; a refusal rejects with the server's
 * `HttpError`, a network failure with a `TypeError`, an abort with an `AbortError`.
 */
export function uploadFeaturePhotos(upload: FeaturePhotoUpload, createXhr: XhrFactory = () => new XMLHttpRequest()): Promise<FeaturePhoto[]> {
  const form = new FormData();
  form.append('kind', upload.kind);
  if (upload.caption.trim() !== '') form.append('caption', upload.caption.trim());
  for (const file of upload.files) form.append('photos', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = createXhr();
    xhr.open('POST', featurePhotosUrl(upload.layerId, upload.featureId));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) upload.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(errorOf(xhr));
      try {
        const body = JSON.parse(xhr.responseText) as { photos?: FeaturePhoto[] };
        upload.onProgress?.(1);
        resolve(Array.isArray(body.photos) ? body.photos : []);
      } catch {
        reject(new HttpError(xhr.status, 'invalid JSON from the photo upload', 'invalid_json'));
      }
    };
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.onabort = () => reject(new DOMException('upload aborted', 'AbortError'));
    upload.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
