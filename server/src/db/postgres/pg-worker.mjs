// The PostgreSQL side of the synchronous bridge (see sync-client.ts): runs in a worker thread, owns one
// node-postgres connection, answers one request at a time on `port` and wakes the waiting main thread by
// bumping `signal[0]`. Plain JavaScript so it runs under tsx, vitest and plain node alike.
import { workerData } from 'node:worker_threads';
import pg from 'pg';

const { signal, port, connectionString, statementTimeoutMs, connectTimeoutMs, applicationName } = workerData;

// values as the repositories expect them from SQLite: integers and numerics as numbers, JSON as text
pg.types.setTypeParser(20, (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(114, (v) => v);
pg.types.setTypeParser(3802, (v) => v);

/** SQLSTATE classes and socket errors that mean the connection (not the statement) failed. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH',
  '57P01', '57P02', '57P03', '53300']);
const isConnectionError = (err) => CONNECTION_CODES.has(err.code) || (typeof err.code === 'string' && err.code.startsWith('08'))
  || /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(String(err.message));

let client = null;
/** Whether the open transaction lost its connection: every statement is refused until the caller rolls back. */
let broken = false;
let inTransaction = false;
/** Named prepared statements of the current connection (pg prepares a name once per connection). */
let names = new Map();

async function connect() {
  const c = new pg.Client({ connectionString, connectionTimeoutMillis: connectTimeoutMs, query_timeout: statementTimeoutMs + 2000,
    statement_timeout: statementTimeoutMs, keepAlive: true, application_name: applicationName });
  c.on('error', () => {
    // an idle connection died (server restart): forget it, the next request reconnects
    if (client === c) drop();
  });
  await c.connect();
  return c;
}

function drop() {
  const c = client;
  client = null;
  names = new Map();
  if (inTransaction) broken = true;
  c?.end().catch(() => {});
}

function fail(err) {
  const connection = isConnectionError(err);
  if (connection) drop();
  return { ok: false, error: { message: String(err.message ?? err), code: err.code, detail: err.detail, constraint: err.constraint, connection } };
}

async function handle(msg) {
  if (msg.op === 'close') {
    await client?.end().catch(() => {});
    client = null;
    return { ok: true };
  }
  if (msg.op === 'rollback' && broken) {
    broken = false;
    inTransaction = false;
    return { ok: true };
  }
  if (broken) return { ok: false, error: { message: 'the connection to PostgreSQL was lost inside a transaction', code: '08006', connection: true } };
  try {
    if (!client) {
      if (inTransaction) {
        broken = true;
        return { ok: false, error: { message: 'the connection to PostgreSQL was lost inside a transaction', code: '08006', connection: true } };
      }
      client = await connect();
    }
    if (msg.op === 'exec') {
      await client.query(msg.sql);
    } else if (msg.op === 'begin' || msg.op === 'commit' || msg.op === 'rollback') {
      await client.query(msg.sql);
      inTransaction = msg.op === 'begin';
      return { ok: true };
    } else {
      let name = names.get(msg.sql);
      // a bounded number per connection: statements built per request (filters) would otherwise pile up on the server
      if (name === undefined && msg.prepare && names.size < 500) {
        name = `q${names.size + 1}`;
        names.set(msg.sql, name);
      }
      const query = { text: msg.sql, values: msg.params, rowMode: msg.raw ? 'array' : undefined };
      let res;
      try {
        res = await client.query({ ...query, name });
      } catch (err) {
        // a schema change made the prepared plan stale ("cached plan must not change result type"): run it unnamed
        if (err.code !== '0A000' || name === undefined || inTransaction) throw err;
        names.set(msg.sql, undefined);
        res = await client.query(query);
      }
      // bytea arrives as a Buffer, which crosses to the main thread as a plain Uint8Array: say which columns to rewrap
      const bytea = res.fields?.flatMap((f, i) => (f.dataTypeID === 17 ? [msg.raw ? i : f.name] : [])) ?? [];
      return { ok: true, rows: res.rows, rowCount: res.rowCount ?? 0, bytea: bytea.length ? bytea : undefined };
    }
    return { ok: true };
  } catch (err) {
    if (msg.op === 'commit' || msg.op === 'rollback') inTransaction = false;
    // BEGIN went through but what followed it failed (the write lock's wait timed out): end that transaction
    // block, else the connection would refuse every later statement as part of an aborted transaction
    if (msg.op === 'begin' && client && !isConnectionError(err)) await client.query('ROLLBACK').catch(() => {});
    return fail(err);
  }
}

port.on('message', async (msg) => {
  const reply = await handle(msg);
  reply.seq = msg.seq;
  try {
    port.postMessage(reply);
  } catch (err) {
    // a value structured clone cannot carry: say so instead of leaving the caller waiting
    port.postMessage({ seq: msg.seq, ok: false, error: { message: `unsendable result: ${err.message}` } });
  }
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});
