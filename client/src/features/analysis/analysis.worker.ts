/**
 * The analysis worker: answers each request (protocol.ts) with the result of the computation or
 * its error, after reports of its progress, so that long computations do not freeze the page.
 */
import { answerRequest, type AnalysisRequest, type AnalysisResponse } from './protocol';

/** The part of the dedicated worker's global scope this worker uses. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage(message: AnalysisResponse): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (event) => scope.postMessage(answerRequest(event.data, (progress) => scope.postMessage(progress)));
