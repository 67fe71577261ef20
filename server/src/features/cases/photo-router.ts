import fs from 'node:fs';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { PHOTO_LIMITS, photoUploadFields } from '../../contracts/cases';
import { BadRequestError, HttpError, NotFoundError } from '../../errors';
import { parseBody } from '../../validation';
import type { PhotoFile, PhotoService } from './photo-service';

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: PHOTO_LIMITS.maxBytes, files: PHOTO_LIMITS.perKind, fields: 10, fieldSize: 64 * 1024, parts: 20 },
});

function uploadError(err: unknown): HttpError {
  if (!(err instanceof multer.MulterError)) return err instanceof HttpError ? err : new BadRequestError(`bad multipart body: ${(err as Error).message}`);
  switch (err.code) {
    case 'LIMIT_FILE_SIZE': return new HttpError(413, 'photo_too_large', `a photo may have at most ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB`);
    case 'LIMIT_FILE_COUNT': return new HttpError(400, 'too_many_photos', `send at most ${PHOTO_LIMITS.perKind} photos at once`);
    case 'LIMIT_UNEXPECTED_FILE': return new BadRequestError(`unexpected file field "${err.field ?? ''}"`);
    default: return new BadRequestError(`bad multipart body: ${err.message}`);
  }
}

/** Parses a multipart body (files of `field` into memory, within the photo limits); other bodies pass untouched. */
export function photoUpload(field: string, maxCount: number): RequestHandler {
  const parse = upload.array(field, maxCount);
  return (req, res, next) => {
    parse(req, res, (err?: unknown) => next(err ? uploadError(err) : undefined));
  };
}

/** The uploaded files' bytes. */
export const uploadedBuffers = (req: Request): Buffer[] => (Array.isArray(req.files) ? req.files.map((f) => f.buffer) : []);

function sendPhoto(res: Response, file: PhotoFile): void {
  if (!fs.existsSync(file.path)) throw new NotFoundError('the photo file is missing');
  res.set({ 'Content-Type': file.mime, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, max-age=86400', 'Content-Disposition': 'inline' });
  res.sendFile(file.path, { etag: false, lastModified: false, headers: { ETag: `"${file.sha256}"` } });
}

/** `/api/cases/:id/photos`: upload photos of a case, and stream each original and thumbnail. */
export function createCasePhotosRouter(photos: PhotoService): Router {
  const router = Router();

  router.post('/:id/photos', photoUpload('photos', PHOTO_LIMITS.perKind), async (req, res) => {
    const { kind } = parseBody(photoUploadFields, { ...req.body });
    const added = await photos.add(String(req.params.id), kind, uploadedBuffers(req), req.user!);
    res.status(201).json({ photos: added });
  });

  router.get('/:id/photos/:photoId', (req, res) => {
    sendPhoto(res, photos.file(String(req.params.id), String(req.params.photoId), false, req.user!));
  });

  router.get('/:id/photos/:photoId/thumb', (req, res) => {
    sendPhoto(res, photos.file(String(req.params.id), String(req.params.photoId), true, req.user!));
  });

  return router;
}

/** `/api/photos/exif`: the GPS position and time in an uploaded photo, so a case can be placed from it. */
export function createPhotosRouter(photos: PhotoService): Router {
  const router = Router();
  router.post('/exif', photoUpload('photo', 1), async (req, res) => {
    const [buf] = uploadedBuffers(req);
    if (!buf) throw new BadRequestError('send one image in the multipart field "photo"');
    res.json(await photos.exif(buf));
  });
  return router;
}
