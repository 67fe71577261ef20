import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** A request to the bridge's worker (see pg-worker.mjs). */
export type BridgeRequest =
  | { op: 'query'; sql: string; params: unknown[]; raw: boolean; prepare: boolean }
  | { op: 'exec' | 'begin' | 'commit' | 'rollback'; sql: string }
  | { op: 'close' };

/** What PostgreSQL said when a request failed (its SQLSTATE in `code`). */
export interface BridgeError {
  message: string;
  code?: string;
  detail?: string;
  constraint?: string;
  /** The connection failed (or was lost in a transaction), not the statement. */
  connection?: boolean;
}

/** The worker's answer. */
export interface BridgeReply {
  seq: number;
  ok: boolean;
  rows?: unknown[];
  rowCount?: number;
  /** Columns (names, or indexes of raw rows) holding bytea values, to be made Buffers again. */
  bytea?: (string | number)[];
  error?: BridgeError;
}

/** Options of {@link SyncClient}. */
export interface SyncClientOptions {
  connectionString: string;
  /** Longest a statement may run on the server (statement_timeout), in milliseconds. */
  statementTimeoutMs: number;
  /** Longest a connection attempt may take, in milliseconds. */
  connectTimeoutMs: number;
  applicationName: string;
}

/** Thrown when the worker did not answer in time (the server hangs or the network dropped). */
export class BridgeTimeoutError extends Error {
  readonly code = 'BRIDGE_TIMEOUT';
}

/**
 * A synchronous PostgreSQL client: node-postgres runs in a worker thread, and `call` blocks the calling thread
 * (Atomics.wait) until the worker answers — the same contract as better-sqlite3, so the synchronous repositories
 * run on PostgreSQL unchanged. One request is in flight at a time; a reply that arrives after its caller gave up
 * (timeout) is recognised by its sequence number and dropped.
 */
export class SyncClient {
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private seq = 0;
  private closed = false;

  constructor(private readonly options: SyncClientOptions) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL('./pg-worker.mjs', import.meta.url), {
      workerData: { signal: this.signal, port: port2, ...options },
      transferList: [port2],
    });
    // the worker must not keep the process alive; its crash surfaces as a timeout of the next call
    this.worker.unref();
  }

  /** Sends one request and waits for its answer, at most the statement timeout plus a margin. */
  call(request: BridgeRequest): BridgeReply {
    if (this.closed) throw new Error('the PostgreSQL connection is closed');
    const seq = ++this.seq;
    let seen = Atomics.load(this.signal, 0);
    this.port.postMessage({ ...request, seq });
    const deadline = Date.now() + this.options.statementTimeoutMs + this.options.connectTimeoutMs + 2000;
    for (;;) {
      for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
        const reply = m.message as BridgeReply;
        if (reply.seq === seq) return reply;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new BridgeTimeoutError(`PostgreSQL did not answer within ${Math.round((this.options.statementTimeoutMs + this.options.connectTimeoutMs) / 1000)} s`);
      Atomics.wait(this.signal, 0, seen, left);
      seen = Atomics.load(this.signal, 0);
    }
  }

  /** Closes the connection and stops the worker. */
  close(): void {
    if (this.closed) return;
    try {
      this.call({ op: 'close' });
    } catch {
      // closing anyway
    }
    this.closed = true;
    void this.worker.terminate();
    this.port.close();
  }
}
