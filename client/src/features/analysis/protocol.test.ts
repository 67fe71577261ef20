import { featureCollection, point, polygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { bufferFeatures, MAX_ANALYSIS_FEATURES, TooManyFeaturesError } from './buffer';
import { serviceCoverage } from './coverage';
import { analysisErrorText } from './errors';
import { answerRequest, computeAnalysis, isProgress, reviveError, serializeError, type AnalysisRequest } from './protocol';
import { statsInPolygon } from './stats';

const A: [number, number] = [120.165, 30.245];
const square = polygon([[[120.16, 30.24], [120.17, 30.24], [120.17, 30.25], [120.16, 30.25], [120.16, 30.24]]], { name: '甲社区' });
const rooms = featureCollection([point(A, { bins: 3 }), point([120.1655, 30.2455], { bins: 2 }), point([120.2, 30.3], { bins: 7 })]);
const t = (key: string, values?: Record<string, unknown>) => `${key} ${JSON.stringify(values ?? {})}`;

describe('computeAnalysis', () => {
  it('dispatches each kind to its function with the same result', () => {
    expect(computeAnalysis({ kind: 'coverage', input: { facilities: rooms, communities: featureCollection([square]), radiusM: 300 } }))
      .toEqual(serviceCoverage({ facilities: rooms, communities: featureCollection([square]), radiusM: 300 }));
    expect(computeAnalysis({ kind: 'buffer', input: { features: rooms.features, radiusM: 50 } })).toEqual(bufferFeatures(rooms.features, 50));
    const stats = computeAnalysis({ kind: 'stats', input: { collection: rooms, polygon: square.geometry, sumKeys: ['bins'] } });
    expect(stats).toEqual(statsInPolygon(rooms, square.geometry, ['bins']));
    expect(stats.count).toBe(2);
    expect(stats.sums).toEqual([{ key: 'bins', value: 5 }]);
  });

  it('rejects an unknown kind', () => {
    expect(() => computeAnalysis({ kind: 'isochrone', input: {} } as never)).toThrow(TypeError);
  });
});

describe('answerRequest', () => {
  it('answers with the id and a result that survives structured cloning unchanged', () => {
    const request: AnalysisRequest = { id: 7, kind: 'coverage', input: { facilities: rooms, communities: featureCollection([square]), radiusM: 300 } };
    const answer = answerRequest(structuredClone(request));
    expect(answer).toMatchObject({ id: 7, ok: true });
    expect(structuredClone(answer)).toEqual(answer);
  });

  it('posts progress reports for a coverage request, with its id, before the answer', () => {
    const reports: unknown[] = [];
    const answer = answerRequest({ id: 9, kind: 'coverage', input: { facilities: rooms, communities: featureCollection([square]), radiusM: 300 } }, (m) => reports.push(m));
    expect(answer).toMatchObject({ id: 9, ok: true });
    expect(reports.length).toBeGreaterThan(3);
    expect(reports.at(-1)).toEqual({ id: 9, progress: 1 });
    expect(reports.every((r) => isProgress(r as never))).toBe(true);
    expect(isProgress(answer)).toBe(false);
  });

  it('carries a failure back with its kind, so the page shows the same localized text', () => {
    const many = Array.from({ length: MAX_ANALYSIS_FEATURES + 1 }, () => point(A));
    const answer = answerRequest({ id: 3, kind: 'buffer', input: { features: many, radiusM: 50 } });
    expect(answer).toEqual({ id: 3, ok: false, error: { name: 'TooManyFeaturesError', message: expect.any(String), count: MAX_ANALYSIS_FEATURES + 1, limit: MAX_ANALYSIS_FEATURES } });
    if (answer.ok) return;
    const revived = reviveError(structuredClone(answer.error));
    expect(revived).toBeInstanceOf(TooManyFeaturesError);
    expect(analysisErrorText(revived, t)).toBe(analysisErrorText(new TooManyFeaturesError(MAX_ANALYSIS_FEATURES + 1), t));
    expect(analysisErrorText(revived, t)).toBe(`planner.analysis.tooMany {"count":${MAX_ANALYSIS_FEATURES + 1},"limit":${MAX_ANALYSIS_FEATURES}}`);

    const badRadius = answerRequest({ id: 4, kind: 'coverage', input: { facilities: rooms, communities: featureCollection([]), radiusM: -1 } });
    expect(badRadius).toMatchObject({ id: 4, ok: false, error: { name: 'RangeError' } });
  });
});

describe('serializeError / reviveError', () => {
  it('keeps the kind and message of RangeError, TypeError and other errors', () => {
    expect(reviveError(serializeError(new RangeError('too far')))).toEqual(new RangeError('too far'));
    expect(reviveError(serializeError(new RangeError('too far')))).toBeInstanceOf(RangeError);
    expect(reviveError(serializeError(new TypeError('odd')))).toBeInstanceOf(TypeError);
    const other = reviveError(serializeError(Object.assign(new Error('bad ring'), { name: 'TopologyError' })));
    expect([other.name, other.message]).toEqual(['TopologyError', 'bad ring']);
    expect(serializeError('plain')).toEqual({ name: 'Error', message: 'plain' });
  });
});
