import request from 'supertest';
import sharp from 'sharp';
import type { Role } from '@shared/auth';
import type { PhotoKind } from '@shared/cases';
import type { SecuredApp } from './session';

/** Degrees as an EXIF rational triple (`30/1 14/1 3272/100`). */
function dms(deg: number): string {
  const abs = Math.abs(deg);
  const d = Math.floor(abs);
  const m = Math.floor((abs - d) * 60);
  const s = Math.round(((abs - d) * 60 - m) * 60 * 10000);
  return `${d}/1 ${m}/1 ${s}/10000`;
}

/** Options of a test image: its size, colour and, for JPEGs, an EXIF GPS position and time. */
export interface ImageOptions {
  width?: number;
  height?: number;
  colour?: string;
  gps?: { lon: number; lat: number };
  /** EXIF DateTimeOriginal (`2011:07:15 10:20:30`, local time). */
  takenAt?: string;
}

const canvas = (o: ImageOptions) => sharp({ create: { width: o.width ?? 64, height: o.height ?? 48, channels: 3, background: o.colour ?? '#3366aa' } });

/** A JPEG made in code, with an EXIF block when GPS or a time is given. */
export async function makeJpeg(o: ImageOptions = {}): Promise<Buffer> {
  const img = canvas(o);
  if (!o.gps && !o.takenAt) return img.jpeg().toBuffer();
  return img.withExif({
    IFD0: { Make: 'QingboTest', Model: 'Fixture' },
    ...(o.takenAt ? { IFD2: { DateTimeOriginal: o.takenAt } } : {}),
    ...(o.gps ? { IFD3: { GPSLatitudeRef: o.gps.lat >= 0 ? 'N' : 'S', GPSLatitude: dms(o.gps.lat), GPSLongitudeRef: o.gps.lon >= 0 ? 'E' : 'W', GPSLongitude: dms(o.gps.lon) } } : {}),
  }).jpeg().toBuffer();
}

/** A PNG made in code. */
export const makePng = (o: ImageOptions = {}): Promise<Buffer> => canvas(o).png().toBuffer();
/** A WebP made in code. */
export const makeWebp = (o: ImageOptions = {}): Promise<Buffer> => canvas(o).webp().toBuffer();

/** Uploads photos to a case as a role (one fresh JPEG by default); returns the response. */
export async function uploadPhotos(s: SecuredApp, role: Role, id: number | string, kind: PhotoKind, files?: { data: Buffer; name?: string }[]) {
  const list = files ?? [{ data: await makeJpeg(), name: 'after.jpg' }];
  let req = request(s.app).post(`/api/cases/${id}/photos`).set('Cookie', await s.cookieFor(role)).field('kind', kind);
  for (const [i, f] of list.entries()) req = req.attach('photos', f.data, f.name ?? `photo-${i}.jpg`);
  return req;
}
