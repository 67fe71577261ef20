import { describe, expect, it } from 'vitest';
import { effectScope } from 'vue';
import { usePhotoPicker } from './usePhotoPicker';

const file = (name: string, type = 'image/jpeg', size = 10) => new File([new Uint8Array(size)], name, { type });

function fakeUrls() {
  const live = new Set<string>();
  let n = 0;
  return {
    live,
    createObjectURL: () => {
      const url = `blob:test/${++n}`;
      live.add(url);
      return url;
    },
    revokeObjectURL: (url: string) => void live.delete(url),
  };
}

describe('usePhotoPicker', () => {
  it('takes up to five JPEG/PNG/WebP photos of at most 10 MB and says why it refused the others', () => {
    const urls = fakeUrls();
    const scope = effectScope();
    const picker = scope.run(() => usePhotoPicker({ urls }))!;

    const taken = picker.add([file('a.jpg'), file('b.gif', 'image/gif'), file('c.png', 'image/png'), file('big.webp', 'image/webp', 10 * 1024 * 1024 + 1)]);
    expect(taken.map((p) => p.file.name)).toEqual(['a.jpg', 'c.png']);
    expect(picker.rejected.value).toEqual([{ name: 'b.gif', reason: 'type' }, { name: 'big.webp', reason: 'size' }]);

    picker.add([1, 2, 3, 4].map((n) => file(`${n}.jpg`)));
    expect(picker.photos.value.map((p) => p.file.name)).toEqual(['a.jpg', 'c.png', '1.jpg', '2.jpg', '3.jpg']);
    expect(picker.rejected.value).toEqual([{ name: '4.jpg', reason: 'count' }]);
    expect(picker.full.value).toBe(true);
    expect(urls.live.size).toBe(5);

    picker.remove(picker.photos.value[0]!.id);
    expect(urls.live.size, 'a removed preview is revoked').toBe(4);
    scope.stop();
    expect(urls.live.size, 'every preview is revoked with the scope').toBe(0);
  });

  it('follows a smaller limit, e.g. what a case has room for', () => {
    const scope = effectScope();
    const picker = scope.run(() => usePhotoPicker({ urls: fakeUrls(), max: () => 1 }))!;
    picker.add([file('a.jpg'), file('b.jpg')]);
    expect(picker.photos.value).toHaveLength(1);
    scope.stop();
  });
});
