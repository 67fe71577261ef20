import type { Feature, Geometry } from 'geojson';
import type { Map as MaplibreMap, StyleSpecification } from 'maplibre-gl';
import { onScopeDispose, ref, toValue, type MaybeRefOrGetter, type Ref } from 'vue';
import type { LayerInfo } from '@shared/layers';
import { HttpError, type FetchLike } from '../../api/http';
import type { FeatureCache } from '../workspace';
import { createFeature, deleteFeature, loadVersioned, replaceFeature } from './editApi';
import { fromFormValues, serverFieldErrors, toFormValues, validateForm, type FieldError, type FormValues } from './schemaForm';
import { reloadLayerSources } from './sourceReload';
import { useDrawing } from './useDrawing';

/** The last saved edit and what undoes it. */
export type LastEdit =
  | { kind: 'create'; layerId: string; featureId: string; etag: string }
  | { kind: 'update'; layerId: string; featureId: string; etag: string; before: Feature }
  | { kind: 'delete'; layerId: string; before: Feature };

/** The feature being drawn or edited. */
export interface EditTarget {
  layer: LayerInfo;
  featureId?: string;
  etag?: string;
  before?: Feature;
  geometry?: Geometry;
}

/** Options of `useEditSession`. */
export interface EditSessionOptions {
  map: MaplibreMap;
  cache: FeatureCache;
  fetch: FetchLike;
  style: MaybeRefOrGetter<Pick<StyleSpecification, 'layers' | 'sources'> | null>;
  /** Called with a feature to show after a save (or `null` after a delete). */
  onSaved(layerId: string, featureId: string | null): void;
}

/** What `useEditSession` returns. */
export interface EditSession {
  mode: Ref<'idle' | 'drawing' | 'form' | 'busy'>;
  target: Ref<EditTarget | null>;
  values: Ref<FormValues>;
  errors: Ref<Record<string, FieldError>>;
  conflict: Ref<boolean>;
  message: Ref<string | null>;
  lastEdit: Ref<LastEdit | null>;
  startNew(layer: LayerInfo): void;
  startEdit(layer: LayerInfo, featureId: string): Promise<void>;
  reload(): Promise<void>;
  save(): Promise<boolean>;
  remove(layer: LayerInfo, featureId: string): Promise<void>;
  undo(): Promise<void>;
  cancel(): void;
}

/**
 * One edit at a time on the map: draw or load a feature, edit its attributes in a schema form,
 * save through OGC API – Features Part 4 (POST, PUT with If-Match, DELETE), and undo the last save.
 * After each write the layer's cached features are dropped and its tiles reloaded.
 */
export function useEditSession(options: EditSessionOptions): EditSession {
  const drawing = useDrawing(options.map);
  const mode = ref<EditSession['mode']['value']>('idle');
  const target = ref<EditTarget | null>(null);
  const values = ref<FormValues>({});
  const errors = ref<Record<string, FieldError>>({});
  const conflict = ref(false);
  const message = ref<string | null>(null);
  const lastEdit = ref<LastEdit | null>(null);

  function reset(): void {
    drawing.stop();
    mode.value = 'idle';
    target.value = null;
    errors.value = {};
    conflict.value = false;
  }

  function refresh(layerId: string): void {
    options.cache.invalidate(layerId);
    reloadLayerSources(options.map, toValue(options.style), layerId);
  }

  function fail(e: unknown): void {
    message.value = e instanceof Error ? e.message : String(e);
  }

  function startNew(layer: LayerInfo): void {
    reset();
    message.value = null;
    target.value = { layer };
    values.value = toFormValues(layer.schema, {});
    mode.value = 'drawing';
    drawing.drawNew(layer.geometryType, (geometry) => {
      if (!target.value) return;
      target.value = { ...target.value, geometry };
      mode.value = 'form';
    });
  }

  async function startEdit(layer: LayerInfo, featureId: string): Promise<void> {
    reset();
    message.value = null;
    mode.value = 'busy';
    try {
      const { feature, etag } = await loadVersioned(options.fetch, layer.id, featureId);
      target.value = { layer, featureId, etag, before: feature, geometry: feature.geometry ?? undefined };
      values.value = toFormValues(layer.schema, (feature.properties ?? {}) as Record<string, unknown>);
      if (feature.geometry) drawing.edit(feature.geometry);
      mode.value = 'form';
    } catch (e) {
      reset();
      fail(e);
    }
  }

  async function reload(): Promise<void> {
    const current = target.value;
    if (current?.featureId) await startEdit(current.layer, current.featureId);
  }

  async function save(): Promise<boolean> {
    const current = target.value;
    if (!current) return false;
    errors.value = validateForm(current.layer.schema, values.value);
    if (Object.keys(errors.value).length > 0) return false;
    const geometry = drawing.current() ?? current.geometry;
    if (!geometry) return false;
    const feature: Feature = { type: 'Feature', geometry, properties: fromFormValues(current.layer.schema, values.value) };
    mode.value = 'busy';
    try {
      const saved = current.featureId && current.etag
        ? await replaceFeature(options.fetch, current.layer.id, current.featureId, feature, current.etag)
        : await createFeature(options.fetch, current.layer.id, feature);
      const featureId = String(saved.feature.id);
      lastEdit.value = current.featureId && current.before
        ? { kind: 'update', layerId: current.layer.id, featureId, etag: saved.etag, before: current.before }
        : { kind: 'create', layerId: current.layer.id, featureId, etag: saved.etag };
      reset();
      refresh(current.layer.id);
      options.onSaved(current.layer.id, featureId);
      return true;
    } catch (e) {
      mode.value = 'form';
      if (e instanceof HttpError && e.status === 412) conflict.value = true;
      else if (e instanceof HttpError && (e.status === 400 || e.status === 422)) errors.value = serverFieldErrors(e.details);
      else fail(e);
      return false;
    }
  }

  async function remove(layer: LayerInfo, featureId: string): Promise<void> {
    reset();
    message.value = null;
    mode.value = 'busy';
    try {
      const { feature, etag } = await loadVersioned(options.fetch, layer.id, featureId);
      await deleteFeature(options.fetch, layer.id, featureId, etag);
      lastEdit.value = { kind: 'delete', layerId: layer.id, before: feature };
      refresh(layer.id);
      options.onSaved(layer.id, null);
    } catch (e) {
      fail(e);
    } finally {
      mode.value = 'idle';
    }
  }

  async function undo(): Promise<void> {
    const edit = lastEdit.value;
    if (!edit) return;
    reset();
    mode.value = 'busy';
    try {
      if (edit.kind === 'create') {
        await deleteFeature(options.fetch, edit.layerId, edit.featureId, edit.etag);
        options.onSaved(edit.layerId, null);
      } else if (edit.kind === 'update') {
        const { geometry, properties } = edit.before;
        await replaceFeature(options.fetch, edit.layerId, edit.featureId, { type: 'Feature', geometry, properties }, edit.etag);
        options.onSaved(edit.layerId, edit.featureId);
      } else {
        const { geometry, properties } = edit.before;
        const restored = await createFeature(options.fetch, edit.layerId, { type: 'Feature', geometry, properties });
        options.onSaved(edit.layerId, String(restored.feature.id));
      }
      lastEdit.value = null;
      refresh(edit.layerId);
    } catch (e) {
      if (e instanceof HttpError && e.status === 412) conflict.value = true;
      else fail(e);
    } finally {
      mode.value = 'idle';
    }
  }

  function cancel(): void {
    reset();
    message.value = null;
  }

  onScopeDispose(() => drawing.stop());

  return { mode, target, values, errors, conflict, message, lastEdit, startNew, startEdit, reload, save, remove, undo, cancel };
}
