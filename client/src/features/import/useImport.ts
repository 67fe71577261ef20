import { ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import type { ImportCrs, ImportReport } from '@shared/import';
import { HttpError, type FetchLike } from '../../api/http';
import { MAX_IMPORT_BYTES, postImport, refusedReport } from './api';

/** Where an import stands: nothing chosen, checking (dry run), checked, importing, done. */
export type ImportStage = 'idle' | 'checking' | 'checked' | 'importing' | 'done';

/** Why an import step failed: a stable code for the message, and the server's own words. */
export interface ImportFailure {
  code: string;
  detail: string;
}

/** Options of `useImport`. */
export interface UseImportOptions {
  fetch: FetchLike;
  /** The layer imported into first. */
  layerId: string;
  /** Called after a commit stored features (to refresh the map). */
  onImported?(report: ImportReport): void;
}

/** What `useImport` returns. */
export interface UseImport {
  layerId: Ref<string>;
  crs: Ref<ImportCrs>;
  file: ShallowRef<File | null>;
  stage: Ref<ImportStage>;
  /** The dry run's report (also the refused commit's), or null. */
  report: ShallowRef<ImportReport | null>;
  /** The committed import's report, once done. */
  result: ShallowRef<ImportReport | null>;
  failure: Ref<ImportFailure | null>;
  /** Takes a file (from the picker or a drop) and checks it. */
  choose(file: File | null): void;
  /** Runs the dry run again for the current file, layer and coordinate system. */
  check(): Promise<void>;
  /** Stores the features: all of them, or with `onlyValid` just the valid ones. */
  commit(onlyValid: boolean): Promise<void>;
}

function failureOf(e: unknown): ImportFailure {
  if (e instanceof HttpError) return { code: e.code ?? `http_${e.status}`, detail: e.message };
  if (e instanceof TypeError) return { code: 'network', detail: e.message };
  return { code: 'unknown', detail: e instanceof Error ? e.message : String(e) };
}

/**
 * The import workflow of the map's import panel: choose a layer, a coordinate system and a file;
 * every change runs a dry run whose report is previewed; then commit all features or only the
 * valid ones. An answer that arrives after a newer change is dropped.
 */
export function useImport(options: UseImportOptions): UseImport {
  const layerId = ref(options.layerId);
  const crs = ref<ImportCrs>('wgs84');
  const file = shallowRef<File | null>(null);
  const stage = ref<ImportStage>('idle');
  const report = shallowRef<ImportReport | null>(null);
  const result = shallowRef<ImportReport | null>(null);
  const failure = ref<ImportFailure | null>(null);
  let generation = 0;

  function reset(): number {
    report.value = null;
    result.value = null;
    failure.value = null;
    stage.value = 'idle';
    return ++generation;
  }

  async function check(): Promise<void> {
    const chosen = file.value;
    const asked = reset();
    if (!chosen) return;
    if (chosen.size > MAX_IMPORT_BYTES) {
      failure.value = { code: 'payload_too_large', detail: `${(chosen.size / 1024 / 1024).toFixed(1)} MB` };
      return;
    }
    stage.value = 'checking';
    try {
      const answer = await postImport(options.fetch, layerId.value, chosen, chosen.name, { crs: crs.value, dryRun: true });
      if (asked !== generation) return;
      report.value = answer;
      stage.value = 'checked';
    } catch (e) {
      if (asked !== generation) return;
      failure.value = failureOf(e);
      stage.value = 'idle';
    }
  }

  async function commit(onlyValid: boolean): Promise<void> {
    const chosen = file.value;
    if (!chosen || stage.value !== 'checked') return;
    const asked = generation;
    stage.value = 'importing';
    failure.value = null;
    try {
      const answer = await postImport(options.fetch, layerId.value, chosen, chosen.name, { crs: crs.value, dryRun: false, onlyValid });
      if (asked !== generation) return;
      result.value = answer;
      stage.value = 'done';
      options.onImported?.(answer);
    } catch (e) {
      if (asked !== generation) return;
      report.value = refusedReport(e) ?? report.value;
      failure.value = failureOf(e);
      stage.value = 'checked';
    }
  }

  function choose(next: File | null): void {
    file.value = next;
  }

  watch([file, layerId, crs], () => {
    if (file.value) void check();
    else reset();
  });

  return { layerId, crs, file, stage, report, result, failure, choose, check, commit };
}
