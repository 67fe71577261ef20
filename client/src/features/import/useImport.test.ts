import { describe, expect, it } from 'vitest';
import { effectScope, nextTick } from 'vue';
import type { ImportReport } from '@shared/import';
import type { FetchLike } from '../../api/http';
import { IMPORT_CRS, IMPORT_LIMITS } from '@shared/import';
import { CRS_OPTIONS, MAX_IMPORT_BYTES } from './api';
import { previewBounds, previewData } from './preview';
import { useImport } from './useImport';

function report(over: Partial<ImportReport> = {}): ImportReport {
  return {
    layerId: 'garbage-rooms', format: 'geojson', crs: 'gcj02', dryRun: true, onlyValid: false, committed: false,
    totals: { features: 2, valid: 1, invalid: 1, withWarnings: 0, imported: 0 }, ids: [], layerVersion: 3, notes: [],
    features: [
      { index: 0, ok: true, errors: [], warnings: [], feature: { type: 'Feature', geometry: { type: 'Point', coordinates: [120.15, 30.24] }, properties: {} } },
      { index: 1, ok: false, errors: [{ path: 'properties.status', message: 'must be equal to one of the allowed values' }], warnings: [], feature: { type: 'Feature', geometry: { type: 'Point', coordinates: [120.17, 30.25] }, properties: {} } },
    ],
    ...over,
  };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A fake server that records each request's form fields and answers from a queue. */
function fakeServer(answers: Response[]) {
  const sent: Record<string, string>[] = [];
  const fetch: FetchLike = async (url, init) => {
    const form = init?.body as FormData;
    sent.push({ url, ...Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : `file:${(v as File).name}`])) });
    return answers.shift()!;
  };
  return { fetch, sent };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await nextTick();
  await new Promise((r) => setTimeout(r, 0));
};

describe('useImport', () => {
  it('dry-runs a chosen file, again when the coordinate system changes, then commits only the valid features', async () => {
    const server = fakeServer([json(200, report({ crs: 'wgs84' })), json(200, report()), json(201, report({ dryRun: false, committed: true, onlyValid: true, ids: [40], totals: { features: 2, valid: 1, invalid: 1, withWarnings: 0, imported: 1 } }))]);
    const imported: ImportReport[] = [];
    const scope = effectScope();
    const im = scope.run(() => useImport({ fetch: server.fetch, layerId: 'garbage-rooms', onImported: (r) => imported.push(r) }))!;
    im.choose(new File(['{}'], 'rooms.geojson'));
    await settle();
    expect(im.stage.value).toBe('checked');
    expect(server.sent[0]).toMatchObject({ url: '/api/layers/garbage-rooms/import', crs: 'wgs84', dryRun: 'true', file: 'file:rooms.geojson', fileName: 'rooms.geojson' });
    im.crs.value = 'gcj02';
    await settle();
    expect(server.sent[1]).toMatchObject({ crs: 'gcj02', dryRun: 'true' });
    await im.commit(true);
    expect(server.sent[2]).toMatchObject({ crs: 'gcj02', dryRun: 'false', onlyValid: 'true' });
    expect(im.stage.value).toBe('done');
    expect(im.result.value?.ids).toEqual([40]);
    expect(imported).toHaveLength(1);
    scope.stop();
  });

  it('keeps the refused report and names the failure when a commit is refused', async () => {
    const refused = report({ dryRun: false });
    const server = fakeServer([json(200, report()), json(422, { error: { code: 'invalid_features', message: 'nothing was imported', details: refused } })]);
    const scope = effectScope();
    const im = scope.run(() => useImport({ fetch: server.fetch, layerId: 'garbage-rooms' }))!;
    im.choose(new File(['{}'], 'rooms.geojson'));
    await settle();
    await im.commit(false);
    expect(im.stage.value).toBe('checked');
    expect(im.failure.value).toEqual({ code: 'invalid_features', detail: 'nothing was imported' });
    expect(im.report.value).toEqual(refused);
    scope.stop();
  });

  it('reports a file-level refusal and refuses an oversized file without sending it', async () => {
    const server = fakeServer([json(400, { error: { code: 'bad_format', message: 'the file is not valid JSON' } })]);
    const scope = effectScope();
    const im = scope.run(() => useImport({ fetch: server.fetch, layerId: 'garbage-rooms' }))!;
    im.choose(new File(['{'], 'broken.geojson'));
    await settle();
    expect(im.failure.value).toEqual({ code: 'bad_format', detail: 'the file is not valid JSON' });
    expect(im.report.value).toBeNull();
    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'big.csv');
    im.choose(big);
    await settle();
    expect(im.failure.value?.code).toBe('payload_too_large');
    expect(server.sent).toHaveLength(1);
    scope.stop();
  });
});

describe('preview', () => {
  it('draws the converted features with their validity and fits their bounds', () => {
    const data = previewData(report())!;
    expect(data.features.map((f) => f.properties)).toEqual([{ ok: true, index: 0 }, { ok: false, index: 1 }]);
    expect(previewBounds(data)).toEqual([120.15, 30.24, 120.17, 30.25]);
    expect(previewData(null)).toBeNull();
    expect(previewData(report({ features: [{ index: 0, ok: false, errors: [{ path: 'lon', message: 'lon is empty' }], warnings: [] }] }))).toBeNull();
  });
});

describe('limits', () => {
  it('checks the same size limit and offers the same coordinate systems as the server', () => {
    expect(MAX_IMPORT_BYTES).toBe(IMPORT_LIMITS.maxBytes);
    expect([...CRS_OPTIONS]).toEqual([...IMPORT_CRS]);
  });
});
