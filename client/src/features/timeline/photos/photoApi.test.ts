import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../api/http';
import { uploadFeaturePhotos } from './photoApi';

/** An XMLHttpRequest stand-in that records what is sent and answers when told. */
class FakeXhr {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | undefined;
  status = 0;
  statusText = '';
  responseText = '';
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

function start(caption = '') {
  const xhr = new FakeXhr();
  const shares: number[] = [];
  const file = new File(['jpeg'], 'a.jpg', { type: 'image/jpeg' });
  const result = uploadFeaturePhotos(
    { layerId: 'alley-renovations', featureId: 7, kind: 'after', caption, files: [file], onProgress: (s) => shares.push(s) },
    () => xhr as unknown as XMLHttpRequest,
  );
  return { xhr, shares, result, file };
}

describe('uploading feature photos', () => {
  it('posts kind, caption and files as multipart and reports progress', async () => {
    const { xhr, shares, result, file } = start('  修缮后  ');
    expect([xhr.method, xhr.url]).toEqual(['POST', '/api/layers/alley-renovations/features/7/photos']);
    expect(xhr.body!.get('kind')).toBe('after');
    expect(xhr.body!.get('caption')).toBe('修缮后');
    expect((xhr.body!.get('photos') as File).name).toBe(file.name);
    xhr.upload.onprogress!({ lengthComputable: true, loaded: 50, total: 200 });
    xhr.answer(201, { photos: [{ id: 1 }] });
    await expect(result).resolves.toEqual([{ id: 1 }]);
    expect(shares).toEqual([0.25, 1]);
  });

  it('leaves an empty caption out and turns a refusal into the server\'s HttpError', async () => {
    const { xhr, result } = start();
    expect(xhr.body!.has('caption')).toBe(false);
    xhr.answer(413, { error: { code: 'photo_too_large', message: 'a photo may have at most 10 MB' } });
    await expect(result).rejects.toEqual(new HttpError(413, 'a photo may have at most 10 MB', 'photo_too_large'));
  });

  it('fails with a TypeError when the network fails', async () => {
    const { xhr, result } = start();
    xhr.onerror!();
    await expect(result).rejects.toBeInstanceOf(TypeError);
  });
});
