import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { THUMB_SIZE } from '../../photos';

/** A shared demo picture: its stored file names and metadata. */
export interface DemoPicture {
  fileName: string;
  thumbName: string;
  bytes: number;
  width: number;
  height: number;
  sha256: string;
}

const WIDTH = 640;
const HEIGHT = 480;

/** A plain drawing of a street: litter on it ("before") or swept ("after"). Shapes only, so no fonts are needed. */
function drawing(kind: 'before' | 'after'): string {
  const litter = kind === 'before'
    ? '<circle cx="250" cy="380" r="28" fill="#8d6e63"/><rect x="330" y="360" width="60" height="34" fill="#a1887f" transform="rotate(12 360 377)"/><circle cx="420" cy="400" r="18" fill="#6d4c41"/><rect x="120" y="120" width="90" height="60" fill="#fff59d" stroke="#f9a825" stroke-width="4"/>'
    : '<rect x="470" y="250" width="40" height="110" rx="6" fill="#2e7d32"/><rect x="120" y="120" width="90" height="60" fill="#cfd8dc"/>';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
    <rect width="${WIDTH}" height="${HEIGHT}" fill="#b3e5fc"/>
    <rect y="60" width="${WIDTH}" height="240" fill="#d7ccc8"/>
    <rect y="300" width="${WIDTH}" height="180" fill="#9e9e9e"/>
    <rect y="330" width="${WIDTH}" height="6" fill="#eeeeee"/>
    ${litter}
    <rect x="8" y="8" width="96" height="28" rx="4" fill="${kind === 'before' ? '#c62828' : '#2e7d32'}"/>
  </svg>`;
}

/**
 * Writes the two shared demo pictures (before, after) and their thumbnails into
 * `folder` when missing, and returns their metadata. Demo photo rows point at them.
 */
export async function ensureDemoPictures(folder: string): Promise<Record<'before' | 'after', DemoPicture>> {
  fs.mkdirSync(folder, { recursive: true });
  const out = {} as Record<'before' | 'after', DemoPicture>;
  for (const kind of ['before', 'after'] as const) {
    const fileName = `demo-${kind}.jpg`;
    const thumbName = `demo-${kind}.thumb.jpg`;
    const file = path.join(folder, fileName);
    if (!fs.existsSync(file)) fs.writeFileSync(file, await sharp(Buffer.from(drawing(kind))).jpeg({ quality: 80 }).toBuffer());
    const original = fs.readFileSync(file);
    const thumb = path.join(folder, thumbName);
    if (!fs.existsSync(thumb)) fs.writeFileSync(thumb, await sharp(original).resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside' }).jpeg({ quality: 78 }).toBuffer());
    const meta = await sharp(original).metadata();
    out[kind] = { fileName, thumbName, bytes: original.length, width: meta.width, height: meta.height, sha256: createHash('sha256').update(original).digest('hex') };
  }
  return out;
}
