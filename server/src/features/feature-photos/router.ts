import { Router } from 'express';
import { FEATURE_PHOTO_LIMITS, featurePhotoUploadFields, type FeaturePhotosAnswer } from '@shared/feature-photos';
import { parseBody } from '../../validation';
import { sendPhoto, uploadedFiles, type Uploads } from '../photos';
import type { FeaturePhotoService } from './feature-photo-service';

const PHOTOS = '/:layerId/features/:featureId/photos';

/**
 * `/api/layers/:layerId/features/:featureId/photos`: list a feature's before/after photos,
 * stream each original and thumbnail, upload (multipart `photos` with `kind` and `caption`)
 * and delete them.
 */
export function createFeaturePhotosRouter(photos: FeaturePhotoService, uploads: Uploads): Router {
  const router = Router();
  const ids = (params: Record<string, string | string[] | undefined>) => [String(params.layerId), String(params.featureId)] as const;

  router.get(PHOTOS, (req, res) => {
    res.json({ photos: photos.list(...ids(req.params)) } satisfies FeaturePhotosAnswer);
  });

  router.post(PHOTOS, uploads.photos('photos', FEATURE_PHOTO_LIMITS.perUpload, async (req, res) => {
    const { kind, caption } = parseBody(featurePhotoUploadFields, { ...req.body });
    const added = await photos.add(...ids(req.params), kind, caption ?? '', uploadedFiles(req), req.user!);
    res.status(201).json({ photos: added } satisfies FeaturePhotosAnswer);
  }));

  router.get(`${PHOTOS}/:photoId`, (req, res) => {
    sendPhoto(res, photos.file(...ids(req.params), String(req.params.photoId), false));
  });

  router.get(`${PHOTOS}/:photoId/thumb`, (req, res) => {
    sendPhoto(res, photos.file(...ids(req.params), String(req.params.photoId), true));
  });

  router.delete(`${PHOTOS}/:photoId`, (req, res) => {
    photos.remove(...ids(req.params), String(req.params.photoId), req.user!);
    res.status(204).end();
  });

  return router;
}
