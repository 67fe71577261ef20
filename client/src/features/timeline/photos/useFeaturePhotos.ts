import type { FeaturePhoto, FeaturePhotoKind } from '@shared/feature-photos';
import { ref, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue';
import { browserFetch, type FetchLike } from '../../../api/http';
import { deleteFeaturePhoto, listFeaturePhotos, uploadFeaturePhotos, type XhrFactory } from './photoApi';

/** The feature whose photos are shown. */
export interface PhotoTarget {
  layerId: string;
  featureId: string;
}

/** What `useFeaturePhotos` returns. */
export interface UseFeaturePhotosReturn {
  photos: Ref<FeaturePhoto[]>;
  loading: Ref<boolean>;
  error: Ref<string | null>;
  reload(): Promise<void>;
  /** Uploads files of a kind, reporting progress 0–1; adds the stored photos to the list. */
  upload(kind: FeaturePhotoKind, files: readonly File[], caption: string, onProgress: (share: number) => void): Promise<FeaturePhoto[]>;
  /** Deletes a photo and drops it from the list. */
  remove(photo: FeaturePhoto): Promise<void>;
}

/** A feature's before/after photos: loaded when the target changes, with upload and delete. */
export function useFeaturePhotos(options: { target: MaybeRefOrGetter<PhotoTarget | null>; fetch?: FetchLike; xhr?: XhrFactory }): UseFeaturePhotosReturn {
  const fetch = options.fetch ?? browserFetch;
  const photos = ref<FeaturePhoto[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let generation = 0;

  async function reload(): Promise<void> {
    const target = toValue(options.target);
    const asked = ++generation;
    photos.value = [];
    error.value = null;
    if (!target) return;
    loading.value = true;
    try {
      const list = await listFeaturePhotos(target.layerId, target.featureId, fetch);
      if (asked === generation) photos.value = list;
    } catch (e) {
      if (asked === generation) error.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (asked === generation) loading.value = false;
    }
  }

  async function upload(kind: FeaturePhotoKind, files: readonly File[], caption: string, onProgress: (share: number) => void): Promise<FeaturePhoto[]> {
    const target = toValue(options.target);
    if (!target) return [];
    const stored = await uploadFeaturePhotos({ ...target, kind, caption, files, onProgress }, options.xhr);
    const current = toValue(options.target);
    if (current?.layerId === target.layerId && current.featureId === target.featureId) photos.value = [...photos.value, ...stored];
    return stored;
  }

  async function remove(photo: FeaturePhoto): Promise<void> {
    await deleteFeaturePhoto(photo.layerId, photo.featureId, photo.id, fetch);
    photos.value = photos.value.filter((p) => p.id !== photo.id);
  }

  watch(() => JSON.stringify(toValue(options.target)), () => void reload(), { immediate: true });
  return { photos, loading, error, reload, upload, remove };
}
