import type { Map as MaplibreMap } from 'maplibre-gl';
import { ref, type Ref } from 'vue';
import { downloadBlob } from '../planner';
import { renderOffscreen, snapshotVisibleMap, PrintError, type MapSnapshot } from './capture';
import { composePrint, legendItemWidth, type PrintTexts } from './compose';
import { printFileName } from './fileName';
import { printLayout } from './layout';
import type { LegendEntry } from './legendEntries';
import { pageFor, type PrintSize } from './sizes';

/** Where an export is: drawing the map, composing the page, encoding the PNG, done or failed. */
export type PrintStage = 'idle' | 'map' | 'compose' | 'encode' | 'done' | 'error';

/** What one export is made of. */
export interface PrintRequest {
  size: PrintSize;
  entries: readonly LegendEntry[];
  /** The words on the page; `printedAt` is filled from `now`. */
  texts: Omit<PrintTexts, 'printedAt'>;
  now: Date;
  formatDate: (date: Date) => string;
}

/** What `usePrintExport` returns. */
export interface UsePrintExportReturn {
  stage: Ref<PrintStage>;
  /** 0–100. */
  progress: Ref<number>;
  error: Ref<{ code: PrintError['code'] | 'unknown'; message: string } | null>;
  /** The last PNG's file name and size. */
  result: Ref<{ fileName: string; width: number; height: number } | null>;
  /** Draws, composes and downloads the PNG; resolves when done or failed (see `stage`). */
  run(request: PrintRequest): Promise<void>;
}

const PROGRESS: Record<PrintStage, number> = { idle: 0, map: 15, compose: 70, encode: 85, done: 100, error: 0 };

function toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new PrintError('encode', 'the browser could not encode the PNG'))), 'image/png');
  });
}

/**
 * Exports the map as a PNG print: draws the map (the visible one as it is, or a hidden copy at
 * a fixed page size), adds title, legend, scale bar, north arrow and footer on a 2D canvas and
 * downloads the PNG. One export at a time.
 */
export function usePrintExport(options: { map: MaplibreMap; document?: Document }): UsePrintExportReturn {
  const doc = options.document ?? globalThis.document;
  const stage = ref<PrintStage>('idle');
  const progress = ref(0);
  const error = ref<UsePrintExportReturn['error']['value']>(null);
  const result = ref<UsePrintExportReturn['result']['value']>(null);

  function enter(next: PrintStage): void {
    stage.value = next;
    progress.value = PROGRESS[next];
  }

  async function snapshot(request: PrintRequest, hasSubtitle: boolean): Promise<{ shot: MapSnapshot; page: { width: number; height: number }; unit: number }> {
    const canvas = options.map.getCanvas();
    if (request.size === 'view') {
      const shot = await snapshotVisibleMap(options.map);
      return { shot, ...pageFor('view', { width: shot.image.width, height: shot.image.height }, hasSubtitle) };
    }
    const { page, unit } = pageFor(request.size, { width: canvas.width, height: canvas.height }, hasSubtitle);
    const area = printLayout(page, { unit, hasSubtitle, legendCount: 0, legendItemWidth: 0 }).map;
    return { shot: await renderOffscreen(options.map, area), page, unit };
  }

  async function run(request: PrintRequest): Promise<void> {
    if (stage.value === 'map' || stage.value === 'compose' || stage.value === 'encode') return;
    error.value = null;
    result.value = null;
    try {
      enter('map');
      const hasSubtitle = request.texts.subtitle.trim() !== '';
      const { shot, page, unit } = await snapshot(request, hasSubtitle);
      enter('compose');
      const canvas = doc.createElement('canvas');
      canvas.width = page.width;
      canvas.height = page.height;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new PrintError('encode', 'no 2D canvas context');
      const layout = printLayout(page, { unit, hasSubtitle, legendCount: request.entries.length, legendItemWidth: legendItemWidth(ctx, request.entries, unit) });
      composePrint(ctx, layout, shot, request.entries, { ...request.texts, printedAt: request.formatDate(request.now) });
      enter('encode');
      const blob = await toBlob(canvas);
      const fileName = printFileName(request.now);
      downloadBlob(fileName, blob, doc);
      result.value = { fileName, width: page.width, height: page.height };
      enter('done');
    } catch (e) {
      error.value = e instanceof PrintError ? { code: e.code, message: e.message } : { code: 'unknown', message: e instanceof Error ? e.message : String(e) };
      enter('error');
    }
  }

  return { stage, progress, error, result, run };
}
