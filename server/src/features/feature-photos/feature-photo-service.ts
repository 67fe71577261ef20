import fs from 'node:fs';
import path from 'node:path';
import type { SessionUser } from '@shared/auth';
import { FEATURE_PHOTO_LIMITS, type FeaturePhoto, type FeaturePhotoKind } from '@shared/feature-photos';
import { LAYER_ID } from '@shared/layers';
import type { Db } from '../../db/database';
import { BadRequestError, HttpError, NotFoundError } from '../../errors';
import type { AuditRepository } from '../audit';
import type { FeatureRepository, Layer, LayerRepository } from '../layers';
import { type PhotoFile, preparePhoto, type PreparedPhoto, discardPhotoFiles, fsPhotoWriter, storedPhotoPath, writePhotoFiles, type PhotoFileNames, type PhotoWriter } from '../photos';
import type { FeaturePhotoRecord, FeaturePhotoRepository } from './feature-photo-repository';

const ID = /^\d{1,12}$/;

/** The public view of a stored feature photo, with the URLs that stream it. */
export function featurePhotoView(p: FeaturePhotoRecord): FeaturePhoto {
  const url = `/api/layers/${p.layerId}/features/${p.featureId}/photos/${p.id}`;
  return {
    id: p.id, layerId: p.layerId, featureId: p.featureId, kind: p.kind, mime: p.mime, bytes: p.bytes, width: p.width, height: p.height,
    takenAt: p.takenAt, caption: p.caption, createdBy: p.createdByName, createdAt: p.createdAt, url, thumbUrl: `${url}/thumb`,
  };
}

/** What the feature photo service needs. */
export interface FeaturePhotoServiceDeps {
  db: Db;
  layers: LayerRepository;
  features: FeatureRepository;
  photos: FeaturePhotoRepository;
  audit: AuditRepository;
  /** Folder of uploads; feature photos go to `features/<layer>/<feature id>/` in it. */
  uploadDir: string;
  /** The district's UTC offset, for EXIF times without one. */
  utcOffsetMinutes: () => number;
  /** File operations of the photo store (the real file system by default). */
  photoWriter?: PhotoWriter;
}

/**
 * Before/after photos of map features (renovation projects): checks uploads with the
 * shared photo pipeline (type by magic bytes, thumbnail, EXIF time), keeps the files in
 * the feature's upload folder and their metadata in SQLite, audit-logs every write, and
 * removes the files of features that were deleted.
 */
export function createFeaturePhotoService(deps: FeaturePhotoServiceDeps) {
  const { db, layers, features, photos, audit } = deps;
  const writer = deps.photoWriter ?? fsPhotoWriter;
  const root = path.resolve(deps.uploadDir, 'features');
  const layerFolder = (layerId: string) => path.join(root, layerId);
  const folderOf = (layerId: string, featureId: number) => path.join(layerFolder(layerId), String(featureId));

  function featureOf(layerId: string, featureRef: string): { layer: Layer; featureId: number } {
    const layer = layers.get(layerId);
    if (!layer) throw new NotFoundError(`collection "${layerId}" does not exist`);
    const featureId = ID.test(featureRef) ? Number(featureRef) : NaN;
    if (!Number.isSafeInteger(featureId) || !features.get(layer.id, featureId)) throw new NotFoundError(`feature "${featureRef}" does not exist in collection "${layerId}"`);
    return { layer, featureId };
  }

  function photoOf(layerId: string, featureRef: string, photoRef: string): FeaturePhotoRecord {
    const { featureId } = featureOf(layerId, featureRef);
    const photo = ID.test(photoRef) ? photos.get(layerId, featureId, Number(photoRef)) : undefined;
    if (!photo) throw new NotFoundError(`photo "${photoRef}" of feature "${featureRef}" does not exist`);
    return photo;
  }

  function checkRoom(featureId: number, kind: FeaturePhotoKind, adding: number): void {
    if (adding < 1) throw new BadRequestError(`send 1 to ${FEATURE_PHOTO_LIMITS.perUpload} image files in the "photos" field`);
    const have = photos.count(featureId, kind);
    if (have + adding > FEATURE_PHOTO_LIMITS.perKind) {
      throw new HttpError(400, 'too_many_photos', `a feature holds at most ${FEATURE_PHOTO_LIMITS.perKind} "${kind}" photos (it has ${have}; ${adding} sent)`);
    }
  }

  function store(layerId: string, featureId: number, kind: FeaturePhotoKind, caption: string, prepared: readonly PreparedPhoto[], actor: SessionUser, at: string): FeaturePhotoRecord[] {
    const folder = folderOf(layerId, featureId);
    const written: PhotoFileNames[] = [];
    try {
      return db.transaction(() => {
        checkRoom(featureId, kind, prepared.length);
        const ids = prepared.map((p) => {
          const names = writePhotoFiles(folder, p, writer);
          written.push(names);
          return photos.insert({
            layerId, featureId, kind, mime: p.mime, bytes: p.bytes, width: p.width, height: p.height, sha256: p.sha256,
            ...names, takenAt: p.takenAt, caption, createdBy: actor.id, createdAt: at,
          });
        });
        audit.record({ userId: actor.id, username: actor.username, action: 'photo', entity: `feature:${layerId}`, entityId: String(featureId), summary: { kind, photos: ids, caption } }, at);
        return ids.map((id) => photos.get(layerId, featureId, id)!);
      })();
    } catch (err) {
      discardPhotoFiles(folder, written);
      throw err;
    }
  }

  /**
   * Removes the files of a layer's photos that no row refers to any more: the folders of deleted
   * features (their rows went with them) and files left by a re-seed that reused a feature id.
   */
  function prune(layerId: string): void {
    const folder = layerFolder(layerId);
    if (!LAYER_ID.test(layerId) || !fs.existsSync(folder)) return;
    for (const name of fs.readdirSync(folder)) {
      if (!ID.test(name)) continue;
      const featureId = Number(name);
      if (!features.get(layerId, featureId)) {
        fs.rmSync(path.join(folder, name), { recursive: true, force: true });
        continue;
      }
      const kept = new Set(photos.list(layerId, featureId).flatMap((p) => [p.fileName, p.thumbName]));
      for (const file of fs.readdirSync(path.join(folder, name))) if (!kept.has(file)) fs.rmSync(path.join(folder, name, file), { force: true });
    }
  }

  return {
    /** The photos of a feature, each kind in upload order. */
    list(layerId: string, featureRef: string): FeaturePhoto[] {
      const { featureId } = featureOf(layerId, featureRef);
      return photos.list(layerId, featureId).map(featurePhotoView);
    },

    /** Adds photos (uploaded temporary files, moved into place) of a kind to a feature of an editable layer; a file that is not a readable JPEG, PNG or WebP fails all (415). */
    async add(layerId: string, featureRef: string, kind: FeaturePhotoKind, caption: string, uploads: readonly string[], actor: SessionUser, now = new Date()): Promise<FeaturePhoto[]> {
      const { layer, featureId } = featureOf(layerId, featureRef);
      if (layer.options.readOnly) throw new HttpError(403, 'read_only', `collection "${layerId}" is read-only: its photos come through its own workflow`);
      checkRoom(featureId, kind, uploads.length);
      const prepared: PreparedPhoto[] = [];
      for (const file of uploads) prepared.push(await preparePhoto(file, deps.utcOffsetMinutes()));
      if (!features.get(layer.id, featureId)) throw new NotFoundError(`feature "${featureRef}" was deleted meanwhile`);
      return store(layer.id, featureId, kind, caption, prepared, actor, now.toISOString()).map(featurePhotoView);
    },

    /** The file of a photo (or its thumbnail); 404 when the feature or photo does not exist. */
    file(layerId: string, featureRef: string, photoRef: string, thumb: boolean): PhotoFile {
      const p = photoOf(layerId, featureRef, photoRef);
      return { path: storedPhotoPath(folderOf(p.layerId, p.featureId), thumb ? p.thumbName : p.fileName), mime: thumb ? 'image/jpeg' : p.mime, sha256: thumb ? `${p.sha256}-thumb` : p.sha256 };
    },

    /** Deletes a photo (row and files), audit-logged. */
    remove(layerId: string, featureRef: string, photoRef: string, actor: SessionUser, now = new Date()): void {
      const at = now.toISOString();
      const p = db.transaction(() => {
        const photo = photoOf(layerId, featureRef, photoRef);
        photos.remove(photo.id);
        audit.record({ userId: actor.id, username: actor.username, action: 'photo-delete', entity: `feature:${layerId}`, entityId: String(photo.featureId), summary: { kind: photo.kind, photo: photo.id, caption: photo.caption } }, at);
        return photo;
      })();
      discardPhotoFiles(folderOf(p.layerId, p.featureId), [p]);
    },

    prune,
    /** `prune` for every layer that has a photo folder (run at start-up). */
    pruneAll(): void {
      if (!fs.existsSync(root)) return;
      for (const layerId of fs.readdirSync(root)) prune(layerId);
    },
  };
}

/** The feature photo service's interface. */
export type FeaturePhotoService = ReturnType<typeof createFeaturePhotoService>;
