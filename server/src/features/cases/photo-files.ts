import path from 'node:path';
import { type PreparedPhoto, discardPhotoFiles, fsPhotoWriter, storedPhotoPath, writePhotoFiles, type PhotoFileNames, type PhotoWriter } from '../photos';
import type { PhotoRecord } from './photo-repository';

export type { PhotoFileNames };

/**
 * The photo folders under the upload directory: `cases/<case id>/` for uploads
 * (server-made names, never the client's) and `demo/` for the shared demo pictures.
 * `writer` does the file operations (a seam for tests of a full disk).
 */
export function createPhotoFiles(uploadDir: string, writer: PhotoWriter = fsPhotoWriter) {
  const root = path.resolve(uploadDir);
  const folderOf = (p: Pick<PhotoRecord, 'caseId' | 'demo'>) => (p.demo ? path.join(root, 'demo') : path.join(root, 'cases', String(p.caseId)));

  return {
    /** The demo pictures' folder. */
    demoDir: path.join(root, 'demo'),
    /** Moves an upload's original and writes its thumbnail under new random names; returns the names. */
    write: (caseId: number, photo: Pick<PreparedPhoto, 'mime' | 'source' | 'thumbnail'>): PhotoFileNames =>
      writePhotoFiles(folderOf({ caseId, demo: false }), photo, writer),
    /** Removes files written for a write that was then rolled back. */
    discard: (caseId: number, names: readonly PhotoFileNames[]): void => discardPhotoFiles(folderOf({ caseId, demo: false }), names),
    /** The absolute path of a stored photo's original or thumbnail (from stored names only). */
    pathOf: (p: Pick<PhotoRecord, 'caseId' | 'demo' | 'fileName' | 'thumbName'>, thumb: boolean): string =>
      storedPhotoPath(folderOf(p), thumb ? p.thumbName : p.fileName),
  };
}

/** The photo file store's interface. */
export type PhotoFiles = ReturnType<typeof createPhotoFiles>;
