import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { random } from './synthetic';
import { machineLine, startServerProcess, stopProcess, writeBenchSection } from './lib';
import { filingBody, signIn } from './cases-client';

const ROUNDS = Number(process.env.BENCH_DURABILITY_ROUNDS ?? 10);
const CLIENTS = 32;

interface Round {
  sent: number;
  acked: number;
  ackedMissing: number;
  numberMismatch: number;
  unackedCommitted: number;
  halfWritten: string[];
  integrity: string;
  cases: number;
}

function check(dbFile: string, acked: Map<string, string>, sentKeys: string[]): Omit<Round, 'sent' | 'acked'> {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const byKey = db.prepare<[string], { number: string }>('SELECT number FROM cases WHERE idempotency_key = ?');
    let ackedMissing = 0;
    let numberMismatch = 0;
    for (const [key, number] of acked) {
      const row = byKey.get(key);
      if (!row) ackedMissing += 1;
      else if (row.number !== number) numberMismatch += 1;
    }
    const unackedCommitted = sentKeys.filter((k) => !acked.has(k) && byKey.get(k)).length;
    const probes: [string, string][] = [
      ['case without its report event', "SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.action = 'report')"],
      ['case without its layer feature', "SELECT count(*) FROM cases c WHERE c.feature_id IS NULL OR NOT EXISTS (SELECT 1 FROM features f WHERE f.id = c.feature_id AND f.layer_id = 'cases')"],
      ['case without its audit entry', "SELECT count(*) FROM cases c WHERE c.demo = 0 AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'case' AND a.entity_id = c.number AND a.action = 'report')"],
      ['cases feature without a case', "SELECT count(*) FROM features f WHERE f.layer_id = 'cases' AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.feature_id = f.id)"],
      ['feature without its R*Tree entry', "SELECT count(*) FROM features f WHERE f.layer_id = 'cases' AND NOT EXISTS (SELECT 1 FROM features_rtree r WHERE r.id = f.id)"],
      ['event of a missing case', 'SELECT count(*) FROM case_events e WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = e.case_id)'],
    ];
    const halfWritten = probes.map(([label, sql]) => [label, db.prepare(sql).pluck().get() as number] as const).filter(([, n]) => n > 0).map(([l, n]) => `${n} ${l}`);
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const cases = db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    return { ackedMissing, numberMismatch, unackedCommitted, halfWritten, integrity, cases };
  } finally {
    db.close();
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-bench-durability-'));
const dbFile = path.join(tmp, 'durability.sqlite');
const env = { DB_FILE: dbFile, UPLOAD_DIR: path.join(tmp, 'uploads'), LOGIN_ATTEMPTS_PER_MINUTE: '10000' };
const port = 40000 + Math.floor(Math.random() * 20000);
const rand = random(99);
const rounds: Round[] = [];
let server = await startServerProcess(env, [], port);
for (let round = 1; round <= ROUNDS; round += 1) {
  const cookie = await signIn(server.url, 'inspector');
  const acked = new Map<string, string>();
  const sent: string[] = [];
  let stop = false;
  const worker = async () => {
    while (!stop) {
      const key = randomUUID();
      sent.push(key);
      try {
        const res = await fetch(`${server.url}/api/cases`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: filingBody(key, rand) });
        const body = (await res.json()) as { case?: { number: string } };
        if (res.status >= 200 && res.status < 300 && body.case) acked.set(key, body.case.number);
        else if (!stop) throw new Error(`filing answered HTTP ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
      } catch (err) {
        if (stop) return;
        if (err instanceof Error && err.message.startsWith('filing answered')) throw err;
        return; // the connection died with the server
      }
    }
  };
  const workers = Array.from({ length: CLIENTS }, () => worker());
  await new Promise((r) => setTimeout(r, 1500 + rand() * 2000));
  const killed = new Promise((r) => server.proc.once('exit', r));
  server.proc.kill('SIGKILL');
  await killed;
  stop = true;
  await Promise.all(workers);
  server = await startServerProcess(env, [], port);
  const result = { sent: sent.length, acked: acked.size, ...check(dbFile, acked, sent) };
  rounds.push(result);
  console.log(`round ${round}: sent ${result.sent}, acknowledged ${result.acked}, acknowledged but missing ${result.ackedMissing}, committed without ack ${result.unackedCommitted}, half-written ${result.halfWritten.join(', ') || 'none'}, integrity ${result.integrity}`);
}
await stopProcess(server.proc);
fs.rmSync(tmp, { recursive: true, force: true });

const sum = (f: (r: Round) => number) => rounds.reduce((s, r) => s + f(r), 0);
const clean = rounds.every((r) => r.ackedMissing === 0 && r.numberMismatch === 0 && r.halfWritten.length === 0 && r.integrity === 'ok');
const md = [
  '## Durability: kill -9 while filing (`npm run bench -- durability`)',
  '',
  `Machine: ${machineLine()}. Date: ${new Date().toISOString().slice(0, 10)}.`,
  `${CLIENTS} concurrent clients file cases (POST /api/cases as the inspector, each with its own idempotency key) at full speed; after 1.5–3.5 s the server gets SIGKILL, is restarted on the same SQLite file (WAL, synchronous=FULL) and the file is checked: every acknowledged (2xx) key has its case with the acknowledged number; no case lacks its report event, its \`cases\` layer feature, its audit entry; no orphan feature, event or R*Tree gap; \`PRAGMA integrity_check\`. ${ROUNDS} rounds on one file.`,
  '',
  '| round | filings sent | acknowledged | acked but missing | number mismatch | committed, ack lost in the kill | half-written | integrity_check | cases in file |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rounds.map((r, i) => `| ${i + 1} | ${r.sent} | ${r.acked} | ${r.ackedMissing} | ${r.numberMismatch} | ${r.unackedCommitted} | ${r.halfWritten.join(', ') || '0'} | ${r.integrity} | ${r.cases} |`),
  `| **total** | ${sum((r) => r.sent)} | ${sum((r) => r.acked)} | **${sum((r) => r.ackedMissing)}** | ${sum((r) => r.numberMismatch)} | ${sum((r) => r.unackedCommitted)} | **${sum((r) => r.halfWritten.length)}** | ${rounds.every((r) => r.integrity === 'ok') ? 'ok ×' + rounds.length : 'FAILED'} | |`,
  '',
  clean ? 'Nothing acknowledged was lost and nothing was half-written. (A process kill, not a power cut; with synchronous=FULL every acknowledged commit was synced to disk before its answer, so a power cut loses nothing acknowledged either.)' : '**Durability check FAILED** — see the rows above.',
].join('\n');
console.log(`wrote ${writeBenchSection('durability', md)}`);
if (!clean) process.exitCode = 1;
