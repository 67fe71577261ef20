import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import * as exifrModule from 'exifr';
import sharp from 'sharp';
import { PHOTO_LIMITS, type ExifAnswer, type PHOTO_TYPES } from '@shared/cases';
import { HttpError } from '../../errors';

/** The exifr API (its CommonJS build has only a default export under Node's ESM loader). */
const exifr = (exifrModule as unknown as { default?: typeof exifrModule }).default ?? exifrModule;

/** An accepted image type. */
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** Where and when a photo was taken, from its EXIF block (nulls when absent): what `POST /api/photos/exif` answers. */
export type PhotoPlace = ExifAnswer;

/** An upload checked and processed, ready to be written: the original (a file to move), a thumbnail and metadata. */
export interface PreparedPhoto extends PhotoPlace {
  mime: PhotoType;
  /** Path of the uploaded original (a temporary file the store moves into place). */
  source: string;
  /** Size of the original in bytes. */
  bytes: number;
  thumbnail: Buffer;
  width: number;
  height: number;
  sha256: string;
}

/** Longest side of a thumbnail, in pixels. */
export const THUMB_SIZE = 320;

const startsWith = (buf: Buffer, bytes: readonly number[], at = 0) => bytes.every((b, i) => buf[at + i] === b);

/** The image type of some bytes from their magic numbers (JPEG, PNG or WebP), or undefined. */
export function sniffImageType(buf: Buffer): PhotoType | undefined {
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(buf, [0x52, 0x49, 0x46, 0x46]) && startsWith(buf, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}

const unsupported = (message: string) => new HttpError(415, 'unsupported_media_type', message);

function offsetOf(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** An EXIF date (`2011:07:15 10:20:30`) with its offset tag, or the local offset, as an ISO instant. */
export function exifInstant(value: unknown, offset: unknown, utcOffsetMinutes: number): string | null {
  const m = typeof value === 'string' ? /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(value) : null;
  if (!m) return null;
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : offsetOf(utcOffsetMinutes);
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const coordinate = (v: unknown, limit: number) => (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= limit && v !== 0 ? v : null);

/**
 * Reads the GPS position (WGS84, as phones record it) and the time taken from
 * an image's EXIF block. An image without EXIF, or with a damaged one, gives nulls:
 * a photo without a place is still a good photo.
 */
export async function readPlace(image: Buffer | string, utcOffsetMinutes: number): Promise<PhotoPlace> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr.parse(image, { tiff: true, exif: true, gps: true, ifd1: false, xmp: false, icc: false, iptc: false, reviveValues: false, translateValues: false });
  } catch {
    tags = undefined;
  }
  if (!tags) return { lon: null, lat: null, takenAt: null };
  const lon = coordinate(tags.longitude, 180);
  const lat = coordinate(tags.latitude, 90);
  return {
    lon: lon !== null && lat !== null ? Math.round(lon * 1e7) / 1e7 : null,
    lat: lon !== null && lat !== null ? Math.round(lat * 1e7) / 1e7 : null,
    takenAt: exifInstant(tags.DateTimeOriginal ?? tags.CreateDate, tags.OffsetTimeOriginal, utcOffsetMinutes),
  };
}

/** The first bytes of a file, enough to tell its image type. */
export async function fileHead(file: string, length = 16): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

const megapixels = (pixels: number) => `${Math.round(pixels / 1e5) / 10} MP`;

/** 413 for an image with more pixels than a phone photo has; said before anything is decoded. */
function tooManyPixels(width: number, height: number): HttpError {
  return new HttpError(413, 'image_too_large', `the image has ${width} × ${height} pixels (${megapixels(width * height)}); a photo may have at most ${megapixels(PHOTO_LIMITS.maxPixels)}`, {
    width, height, maxPixels: PHOTO_LIMITS.maxPixels,
  });
}

/**
 * Checks an uploaded file by its bytes (JPEG, PNG or WebP that decodes; else 415) and its
 * size from the header (at most `PHOTO_LIMITS.maxPixels`, else 413 before decoding), reads
 * its EXIF place and makes a JPEG thumbnail turned upright. The file stays where it is.
 */
export async function preparePhoto(file: string, utcOffsetMinutes: number): Promise<PreparedPhoto> {
  const mime = sniffImageType(await fileHead(file));
  if (!mime) throw unsupported('a photo must be a JPEG, PNG or WebP image');
  let size: { width: number; height: number };
  let thumbnail: Buffer;
  try {
    const meta = await sharp(file, { limitInputPixels: false }).metadata();
    if (meta.format !== mime.slice(6)) throw unsupported(`the file starts like ${mime} but decodes as ${meta.format}`);
    if (meta.width * meta.height > PHOTO_LIMITS.maxPixels) throw tooManyPixels(meta.width, meta.height);
    size = meta.autoOrient ?? { width: meta.width, height: meta.height };
    thumbnail = await sharp(file, { limitInputPixels: PHOTO_LIMITS.maxPixels }).rotate().resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 78 }).toBuffer();
  } catch (err) {
    if (err instanceof HttpError) throw err;
    throw unsupported(`the image cannot be read: ${(err as Error).message}`);
  }
  const [place, sha256, stat] = await Promise.all([readPlace(file, utcOffsetMinutes), sha256Of(file), fs.promises.stat(file)]);
  return { mime, source: file, bytes: stat.size, thumbnail, width: size.width, height: size.height, sha256, ...place };
}
