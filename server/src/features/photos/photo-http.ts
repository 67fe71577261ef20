import fs from 'node:fs';
import type { Response } from 'express';
import { NotFoundError } from '../../errors';

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
