import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PhotoType, PreparedPhoto } from './photo-image';
import type { PhotoRecord } from './photo-repository';

const EXTENSIONS: Record<PhotoType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
/** Only names this module makes are ever joined to a folder. */
const SAFE_NAME = /^[a-z0-9][a-z0-9.-]{0,80}$/;

/** Names of a photo's two files in its folder. */
export interface PhotoFileNames {
  fileName: string;
  thumbName: string;
}

/**
 * The photo folders under the upload directory: `cases/<case id>/` for uploads
 * (server-made names, never the client's) and `demo/` for the shared demo pictures.
 */
export function createPhotoFiles(uploadDir: string) {
  const root = path.resolve(uploadDir);
  const folderOf = (p: Pick<PhotoRecord, 'caseId' | 'demo'>) => (p.demo ? path.join(root, 'demo') : path.join(root, 'cases', String(p.caseId)));

  function resolve(folder: string, name: string): string {
    if (!SAFE_NAME.test(name) || name.includes('..')) throw new Error(`unsafe stored file name "${name}"`);
    return path.join(folder, name);
  }

  return {
    /** The demo pictures' folder. */
    demoDir: path.join(root, 'demo'),
    /** Writes an upload's original and thumbnail under new random names; returns the names. */
    write(caseId: number, photo: Pick<PreparedPhoto, 'mime' | 'original' | 'thumbnail'>): PhotoFileNames {
      const folder = folderOf({ caseId, demo: false });
      fs.mkdirSync(folder, { recursive: true });
      const base = randomBytes(16).toString('hex');
      const names = { fileName: `${base}.${EXTENSIONS[photo.mime]}`, thumbName: `${base}.thumb.jpg` };
      fs.writeFileSync(resolve(folder, names.fileName), photo.original, { flag: 'wx' });
      fs.writeFileSync(resolve(folder, names.thumbName), photo.thumbnail, { flag: 'wx' });
      return names;
    },
    /** Removes files written for a write that was then rolled back. */
    discard(caseId: number, names: readonly PhotoFileNames[]): void {
      const folder = folderOf({ caseId, demo: false });
      for (const n of names) for (const name of [n.fileName, n.thumbName]) fs.rmSync(resolve(folder, name), { force: true });
    },
    /** The absolute path of a stored photo's original or thumbnail (from stored names only). */
    pathOf(p: Pick<PhotoRecord, 'caseId' | 'demo' | 'fileName' | 'thumbName'>, thumb: boolean): string {
      return resolve(folderOf(p), thumb ? p.thumbName : p.fileName);
    },
  };
}

/** The photo file store's interface. */
export type PhotoFiles = ReturnType<typeof createPhotoFiles>;
