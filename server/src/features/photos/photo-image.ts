import { createHash } from 'node:crypto';
import * as exifrModule from 'exifr';
import sharp from 'sharp';
import type { PHOTO_TYPES } from '../../contracts/cases';
import { HttpError } from '../../errors';

/** The exifr API (its CommonJS build has only a default export under Node's ESM loader). */
const exifr = (exifrModule as unknown as { default?: typeof exifrModule }).default ?? exifrModule;

/** An accepted image type. */
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** Where and when a photo was taken, from its EXIF block (nulls when absent). */
export interface PhotoPlace {
  lon: number | null;
  lat: number | null;
  takenAt: string | null;
}

/** An upload checked and processed, ready to be written: the original, a thumbnail and metadata. */
export interface PreparedPhoto extends PhotoPlace {
  mime: PhotoType;
  original: Buffer;
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
export async function readPlace(buf: Buffer, utcOffsetMinutes: number): Promise<PhotoPlace> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr.parse(buf, { tiff: true, exif: true, gps: true, ifd1: false, xmp: false, icc: false, iptc: false, reviveValues: false, translateValues: false });
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

/**
 * Checks an upload by its bytes (JPEG, PNG or WebP that decodes; else 415),
 * reads its EXIF place and makes a JPEG thumbnail turned upright.
 */
export async function preparePhoto(buf: Buffer, utcOffsetMinutes: number): Promise<PreparedPhoto> {
  const mime = sniffImageType(buf);
  if (!mime) throw unsupported('a photo must be a JPEG, PNG or WebP image');
  let size: { width: number; height: number };
  let thumbnail: Buffer;
  try {
    const meta = await sharp(buf).metadata();
    if (meta.format !== mime.slice(6)) throw unsupported(`the file starts like ${mime} but decodes as ${meta.format}`);
    size = meta.autoOrient ?? { width: meta.width, height: meta.height };
    thumbnail = await sharp(buf).rotate().resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 78 }).toBuffer();
  } catch (err) {
    if (err instanceof HttpError) throw err;
    throw unsupported(`the image cannot be read: ${(err as Error).message}`);
  }
  const place = await readPlace(buf, utcOffsetMinutes);
  return { mime, original: buf, thumbnail, width: size.width, height: size.height, sha256: createHash('sha256').update(buf).digest('hex'), ...place };
}
