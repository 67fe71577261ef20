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

/** The file operations of the photo store: a seam for tests that make the disk "full". */
export interface PhotoWriter {
  /** Writes a new file (failing if it exists) and has it on disk before returning. */
  writeFile(file: string, data: Buffer): void;
  /** Moves a file into place (atomic on one file system). */
  rename(from: string, to: string): void;
  /** Flushes a file, or a folder's entries, to disk (fsync). */
  sync?(file: string): void;
}

function fsync(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The photo store's writer on the real file system: every file and rename is on disk before the upload is acknowledged. */
export const fsPhotoWriter: PhotoWriter = {
  writeFile: (file, data) => {
    const fd = fs.openSync(file, 'wx');
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  },
  rename: (from, to) => fs.renameSync(from, to),
  sync: fsync,
};

/** The path of a stored file in a folder; refuses any name this module did not make. */
export function storedPhotoPath(folder: string, name: string): string {
  if (!SAFE_NAME.test(name) || name.includes('..')) throw new Error(`unsafe stored file name "${name}"`);
  return path.join(folder, name);
}

const PART = '.part';

/**
 * Puts an upload's original (moved from its temporary file, which must be on the same file
 * system) and its thumbnail (written under a temporary name, then renamed) into a folder under
 * new random names (never the client's), both flushed to disk with the folder's entries (so an
 * acknowledged photo survives a power cut); returns the names. On any failure, e.g. a full disk,
 * neither file is left behind.
 */
export function writePhotoFiles(folder: string, photo: Pick<PreparedPhoto, 'mime' | 'source' | 'thumbnail'>, writer: PhotoWriter = fsPhotoWriter): PhotoFileNames {
  fs.mkdirSync(folder, { recursive: true });
  const base = randomBytes(16).toString('hex');
  const names = { fileName: `${base}.${EXTENSIONS[photo.mime]}`, thumbName: `${base}.thumb.jpg` };
  const thumbPath = storedPhotoPath(folder, names.thumbName);
  try {
    writer.writeFile(thumbPath + PART, photo.thumbnail);
    writer.sync?.(photo.source);
    writer.rename(photo.source, storedPhotoPath(folder, names.fileName));
    writer.rename(thumbPath + PART, thumbPath);
    writer.sync?.(folder);
  } catch (err) {
    discardPhotoFiles(folder, [names]);
    throw err;
  }
  return names;
}

/** Removes the files of photos (written for a write that was then rolled back, or deleted), half-written ones too. */
export function discardPhotoFiles(folder: string, names: readonly PhotoFileNames[]): void {
  for (const n of names) {
    for (const name of [n.fileName, n.thumbName, n.thumbName + PART]) fs.rmSync(storedPhotoPath(folder, name), { force: true });
  }
}
