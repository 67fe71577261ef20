import fs from 'node:fs';
import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { PHOTO_LIMITS } from '../../contracts/cases';
import { BadRequestError, HttpError, NotFoundError } from '../../errors';

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

/** A stored photo file to stream: where it is and what it is. */
export interface PhotoFile {
  path: string;
  mime: string;
  sha256: string;
}

/** Streams a stored photo with its ETag, never sniffed by the browser; 404 when the file is gone. */
export function sendPhoto(res: Response, file: PhotoFile): void {
  if (!fs.existsSync(file.path)) throw new NotFoundError('the photo file is missing');
  res.set({ 'Content-Type': file.mime, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, max-age=86400', 'Content-Disposition': 'inline' });
  res.sendFile(file.path, { etag: false, lastModified: false, headers: { ETag: `"${file.sha256}"` } });
}
