import { computed, onScopeDispose, shallowRef, type ComputedRef, type ShallowRef } from 'vue';
import { MAX_PHOTOS, photoProblem } from './photoApi';

/** A picked photo with its preview URL (an object URL, revoked when removed). */
export interface PickedPhoto {
  id: number;
  file: File;
  previewUrl: string;
}

/** A file that was not taken, and why. */
export interface RejectedPhoto {
  name: string;
  reason: 'type' | 'size' | 'count';
}

/** Options of `usePhotoPicker`. */
export interface UsePhotoPickerOptions {
  /** Most photos to hold (5 by default; fewer when a case already has some). */
  max?: number | (() => number);
  /** Object-URL functions; the browser's `URL` by default (tests pass fakes). */
  urls?: Pick<typeof URL, 'createObjectURL' | 'revokeObjectURL'>;
}

/** What `usePhotoPicker` returns. */
export interface PhotoPicker {
  photos: ShallowRef<readonly PickedPhoto[]>;
  /** Files refused by the last `add`. */
  rejected: ShallowRef<readonly RejectedPhoto[]>;
  full: ComputedRef<boolean>;
  /** Takes the acceptable files (JPEG/PNG/WebP, ≤ 10 MB) up to the limit; answers those taken. */
  add(files: Iterable<File>): PickedPhoto[];
  remove(id: number): void;
  clear(): void;
}

/** Photos picked for upload, previewed locally before anything is sent. */
export function usePhotoPicker(options: UsePhotoPickerOptions = {}): PhotoPicker {
  const urls = options.urls ?? URL;
  const limit = () => (typeof options.max === 'function' ? options.max() : options.max ?? MAX_PHOTOS);
  const photos = shallowRef<readonly PickedPhoto[]>([]);
  const rejected = shallowRef<readonly RejectedPhoto[]>([]);
  let nextId = 1;

  function add(files: Iterable<File>): PickedPhoto[] {
    const taken: PickedPhoto[] = [];
    const refused: RejectedPhoto[] = [];
    for (const file of files) {
      const problem = photoProblem(file);
      if (problem) refused.push({ name: file.name, reason: problem });
      else if (photos.value.length + taken.length >= limit()) refused.push({ name: file.name, reason: 'count' });
      else taken.push({ id: nextId++, file, previewUrl: urls.createObjectURL(file) });
    }
    photos.value = [...photos.value, ...taken];
    rejected.value = refused;
    return taken;
  }

  function remove(id: number): void {
    const photo = photos.value.find((p) => p.id === id);
    if (!photo) return;
    urls.revokeObjectURL(photo.previewUrl);
    photos.value = photos.value.filter((p) => p.id !== id);
  }

  function clear(): void {
    for (const p of photos.value) urls.revokeObjectURL(p.previewUrl);
    photos.value = [];
    rejected.value = [];
  }

  onScopeDispose(clear);

  return { photos, rejected, full: computed(() => photos.value.length >= limit()), add, remove, clear };
}
