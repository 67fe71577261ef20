import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PhotoType, PreparedPhoto } from './photo-image';

const EXTENSIONS: Record<PhotoType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
/** Only names this module makes are ever joined to a folder. */
const SAFE_NAME = /^[a-z0-9][a-z0-9.-]{0,80}$/;

/** Names of a photo's two files in its folder. */
export interface PhotoFileNames {
  fileName: string;
  thumbName: string;
}

/** The path of a stored file in a folder; refuses any name this module did not make. */
export function storedPhotoPath(folder: string, name: string): string {
  if (!SAFE_NAME.test(name) || name.includes('..')) throw new Error(`unsafe stored file name "${name}"`);
  return path.join(folder, name);
}

/** Writes an upload's original and thumbnail into a folder under new random names (never the client's); returns the names. */
export function writePhotoFiles(folder: string, photo: Pick<PreparedPhoto, 'mime' | 'original' | 'thumbnail'>): PhotoFileNames {
  fs.mkdirSync(folder, { recursive: true });
  const base = randomBytes(16).toString('hex');
  const names = { fileName: `${base}.${EXTENSIONS[photo.mime]}`, thumbName: `${base}.thumb.jpg` };
  fs.writeFileSync(storedPhotoPath(folder, names.fileName), photo.original, { flag: 'wx' });
  fs.writeFileSync(storedPhotoPath(folder, names.thumbName), photo.thumbnail, { flag: 'wx' });
  return names;
}

/** Removes the files of photos (written for a write that was then rolled back, or deleted). */
export function discardPhotoFiles(folder: string, names: readonly PhotoFileNames[]): void {
  for (const n of names) for (const name of [n.fileName, n.thumbName]) fs.rmSync(storedPhotoPath(folder, name), { force: true });
}
