import type { FeaturePhoto } from '@shared/feature-photos';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createTestI18n } from '../../../i18n/testing';
import PhotoColumn from './PhotoColumn.vue';

const memoryStorage = () => ({ getItem: () => null, setItem: () => undefined });

const photo = (id: number, caption = ''): FeaturePhoto => ({
  id, layerId: 'alley-renovations', featureId: 7, kind: 'before', mime: 'image/jpeg', bytes: 1000, width: 640, height: 480,
  takenAt: '2011-03-02T01:15:00.000Z', caption, createdBy: 'planner', createdAt: '2026-01-01T00:00:00.000Z',
  url: `/api/layers/alley-renovations/features/7/photos/${id}`, thumbUrl: `/api/layers/alley-renovations/features/7/photos/${id}/thumb`,
});

function mountColumn(props: Partial<InstanceType<typeof PhotoColumn>['$props']> = {}) {
  return mount(PhotoColumn, {
    props: { kind: 'before', photos: [], canEdit: true, upload: vi.fn(), remove: vi.fn(), ...props },
    global: { plugins: [createTestI18n({ storage: memoryStorage() })] },
  });
}

async function choose(column: ReturnType<typeof mountColumn>, files: File[]): Promise<void> {
  const input = column.get('input[type="file"]');
  Object.defineProperty(input.element, 'files', { value: files, configurable: true });
  await input.trigger('change');
  await flushPromises();
}

describe('a before/after photo column', () => {
  it('says there are no photos yet, and offers no upload to readers', () => {
    const column = mountColumn({ canEdit: false });
    expect(column.text()).toContain('暂无照片');
    expect(column.find('input[type="file"]').exists()).toBe(false);
  });

  it('shows each photo as a thumbnail linking to the original, with its caption and date', () => {
    const column = mountColumn({ photos: [photo(3, '路面破损')], canEdit: false });
    expect(column.get('a').attributes('href')).toBe('/api/layers/alley-renovations/features/7/photos/3');
    expect(column.get('img').attributes('src')).toBe('/api/layers/alley-renovations/features/7/photos/3/thumb');
    expect(column.text()).toContain('路面破损');
    expect(column.text()).toContain('拍摄于 2011年3月2日');
  });

  it('refuses files that are not images or too large, without uploading', async () => {
    const upload = vi.fn();
    const column = mountColumn({ upload });
    await choose(column, [new File(['x'], 'notes.txt', { type: 'text/plain' })]);
    expect(upload).not.toHaveBeenCalled();
    expect(column.get('[role="alert"]').text()).toBe('“notes.txt”不是 JPEG、PNG 或 WebP 图片');
  });

  it('uploads chosen photos with the caption, shows progress, then the result or the server\'s reason', async () => {
    let report: (share: number) => void = () => undefined;
    let finish: (value: FeaturePhoto[]) => void = () => undefined;
    const upload = vi.fn((_kind, _files, _caption, onProgress: (share: number) => void) => {
      report = onProgress;
      return new Promise<FeaturePhoto[]>((resolve) => {
        finish = resolve;
      });
    });
    const column = mountColumn({ upload });
    await column.get('input[type="text"]').setValue('改造前');
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'a.jpg', { type: 'image/jpeg' });
    await choose(column, [file]);
    expect(upload).toHaveBeenCalledWith('before', [file], '改造前', expect.any(Function));
    report(0.4);
    await flushPromises();
    expect(column.get('[role="status"]').text()).toBe('正在上传… 40%');
    finish([photo(9)]);
    await flushPromises();
    expect(column.get('[role="status"]').text()).toBe('已上传 1 张照片');
    expect((column.get('input[type="text"]').element as HTMLInputElement).value).toBe('');

    upload.mockRejectedValueOnce(new Error('a photo may have at most 10 MB'));
    await choose(column, [file]);
    expect(column.get('[role="alert"]').text()).toBe('上传失败：a photo may have at most 10 MB');
  });

  it('deletes a photo only after a confirmation', async () => {
    const remove = vi.fn(() => Promise.resolve());
    const column = mountColumn({ photos: [photo(3)], remove });
    await column.get('.photo-column__delete').trigger('click');
    expect(remove).not.toHaveBeenCalled();
    expect(column.get('[role="alertdialog"]').text()).toContain('删除这张改造前照片？');
    await column.findAll('[role="alertdialog"] button')[1]!.trigger('click');
    expect(column.find('[role="alertdialog"]').exists()).toBe(false);
    await column.get('.photo-column__delete').trigger('click');
    await column.get('[role="alertdialog"] .button--danger').trigger('click');
    await flushPromises();
    expect(remove).toHaveBeenCalledWith(photo(3));
    expect(column.get('[role="status"]').text()).toBe('照片已删除');
  });
});
