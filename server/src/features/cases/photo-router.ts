import { Router } from 'express';
import { PHOTO_LIMITS, photoUploadFields, type CasePhotosAnswer, type ExifAnswer } from '@shared/cases';
import { BadRequestError } from '../../errors';
import { parseBody } from '../../validation';
import { sendPhoto, uploadedFiles, type Uploads } from '../photos';
import type { PhotoService } from './photo-service';

/** `/api/cases/:id/photos`: upload photos of a case, and stream each original and thumbnail. */
export function createCasePhotosRouter(photos: PhotoService, uploads: Uploads): Router {
  const router = Router();

  router.post('/:id/photos', uploads.photos('photos', PHOTO_LIMITS.perKind, async (req, res) => {
    const { kind } = parseBody(photoUploadFields, { ...req.body });
    const added = await photos.add(String(req.params.id), kind, uploadedFiles(req), req.user!);
    res.status(201).json({ photos: added } satisfies CasePhotosAnswer);
  }));

  router.get('/:id/photos/:photoId', (req, res) => {
    sendPhoto(res, photos.file(String(req.params.id), String(req.params.photoId), false, req.user!));
  });

  router.get('/:id/photos/:photoId/thumb', (req, res) => {
    sendPhoto(res, photos.file(String(req.params.id), String(req.params.photoId), true, req.user!));
  });

  return router;
}

/** `/api/photos/exif`: the GPS position and time in an uploaded photo, so a case can be placed from it. */
export function createPhotosRouter(photos: PhotoService, uploads: Uploads): Router {
  const router = Router();
  router.post('/exif', uploads.photos('photo', 1, async (req, res) => {
    const [file] = uploadedFiles(req);
    if (!file) throw new BadRequestError('send one image in the multipart field "photo"');
    res.json((await photos.exif(file)) satisfies ExifAnswer);
  }));
  return router;
}
