import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { bufferFeatures, TooManyFeaturesError, type BufferResult } from './buffer';
import { serviceCoverage, type CoverageInput, type CoverageResult, type ProgressCallback } from './coverage';
import { statsInPolygon, type LayerStats } from './stats';

/**
 * The analysis computations that run off the main thread, each with what it takes and what it
 * gives back; inputs and results are plain GeoJSON and numbers (structured-clone friendly).
 * Nearest-facility search is not one of them: it is one distance per point, cheaper than
 * copying the layer to a worker.
 */
export interface AnalysisJobs {
  coverage: { input: CoverageInput; result: CoverageResult };
  buffer: { input: { features: Feature[]; radiusM: number }; result: BufferResult };
  stats: { input: { collection: FeatureCollection; polygon: Polygon | MultiPolygon; sumKeys: string[] }; result: LayerStats };
}

/** The name of an analysis computation. */
export type AnalysisKind = keyof AnalysisJobs;

/** A computation to run: which one and its input (no id: the runner adds it). */
export type AnalysisJob<K extends AnalysisKind = AnalysisKind> = { [P in K]: { kind: P; input: AnalysisJobs[P]['input'] } }[K];

/** A message to the analysis worker: one job with the id its answer carries. */
export type AnalysisRequest = AnalysisJob & { id: number };

/** An error as it crosses to the page: its name (kind), message and, for too many features, the figures. */
export interface SerializedError {
  name: string;
  message: string;
  count?: number;
  limit?: number;
}

/** The worker's answer to one request: the result, or the error the computation threw. */
export type AnalysisAnswer = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: SerializedError };

/** How far the worker is with a request (0 to 1), sent before its answer by computations that report it (coverage). */
export interface AnalysisProgress {
  id: number;
  progress: number;
}

/** A message from the analysis worker: progress of a request, or its answer. */
export type AnalysisResponse = AnalysisAnswer | AnalysisProgress;

/** Whether a worker message is a progress report rather than an answer. */
export function isProgress(message: AnalysisResponse): message is AnalysisProgress {
  return 'progress' in message;
}

/**
 * Runs one job on the current thread with the analysis functions of this folder.
 * @throws whatever the computation throws (RangeError for a bad radius, TooManyFeaturesError, ...).
 */
export function computeAnalysis<K extends AnalysisKind>(job: AnalysisJob<K>, onProgress?: ProgressCallback): AnalysisJobs[K]['result'];
export function computeAnalysis(job: AnalysisJob, onProgress?: ProgressCallback): AnalysisJobs[AnalysisKind]['result'] {
  switch (job.kind) {
    case 'coverage': return serviceCoverage(job.input, onProgress);
    case 'buffer': return bufferFeatures(job.input.features, job.input.radiusM);
    case 'stats': return statsInPolygon(job.input.collection, job.input.polygon, job.input.sumKeys);
    default: throw new TypeError(`unknown analysis kind ${String((job as { kind: unknown }).kind)}`);
  }
}

/** An error in a form that survives `postMessage`, keeping its kind and the figures of a TooManyFeaturesError. */
export function serializeError(e: unknown): SerializedError {
  if (e instanceof TooManyFeaturesError) return { name: e.name, message: e.message, count: e.count, limit: e.limit };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

/** The error a serialized one stands for: a TooManyFeaturesError, RangeError or TypeError again, any other kind as an Error with its name. */
export function reviveError(e: SerializedError): Error {
  if (e.name === 'TooManyFeaturesError' && typeof e.count === 'number') return new TooManyFeaturesError(e.count, e.limit);
  if (e.name === 'RangeError') return new RangeError(e.message);
  if (e.name === 'TypeError') return new TypeError(e.message);
  const error = new Error(e.message);
  error.name = e.name;
  return error;
}

/**
 * The answer to a request (what the worker posts back): never throws, a failure becomes `ok: false`;
 * `onProgress` is told the computation's progress meanwhile (as a message to post).
 */
export function answerRequest(request: AnalysisRequest, onProgress?: (message: AnalysisProgress) => void): AnalysisAnswer {
  try {
    return { id: request.id, ok: true, result: computeAnalysis(request, onProgress && ((progress) => onProgress({ id: request.id, progress }))) };
  } catch (e) {
    return { id: request.id, ok: false, error: serializeError(e) };
  }
}
