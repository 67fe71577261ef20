import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fsPhotoWriter, writePhotoFiles, type PhotoWriter } from './photo-store';

describe('writePhotoFiles', () => {
  it('flushes the thumbnail, the original and then the folder to disk before it returns', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-photo-store-'));
    const source = path.join(dir, 'upload.tmp');
    fs.writeFileSync(source, 'original bytes');
    const folder = path.join(dir, 'cases', '1');
    const ops: string[] = [];
    const recording: PhotoWriter = {
      writeFile: (file, data) => {
        ops.push(`write ${path.basename(file)}`);
        fsPhotoWriter.writeFile(file, data);
      },
      rename: (from, to) => {
        ops.push(`rename ${path.basename(from)} → ${path.basename(to)}`);
        fsPhotoWriter.rename(from, to);
      },
      sync: (file) => {
        ops.push(`sync ${path.relative(dir, file)}`);
        fsPhotoWriter.sync!(file);
      },
    };
    const names = writePhotoFiles(folder, { mime: 'image/jpeg', source, thumbnail: Buffer.from('thumb') }, recording);
    expect(ops).toEqual([
      `write ${names.thumbName}.part`,
      'sync upload.tmp',
      `rename upload.tmp → ${names.fileName}`,
      `rename ${names.thumbName}.part → ${names.thumbName}`,
      `sync ${path.join('cases', '1')}`,
    ]);
    expect(fs.readFileSync(path.join(folder, names.fileName), 'utf8')).toBe('original bytes');
    expect(fs.readFileSync(path.join(folder, names.thumbName), 'utf8')).toBe('thumb');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
