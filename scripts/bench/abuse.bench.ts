import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/src/config';
import { machineLine, percentile, startServerProcess, stopProcess, writeBenchSection } from './lib';
import { signIn } from './cases-client';
import { MAX_LAYERS_PER_REQUEST } from '../../server/src/tiles/layer-list';
import { refusedFilters, widestAcceptedFilter } from './cql2-attacks';

/** The worst `/api/health` latency the bench accepts while an attack runs. */
const BUDGET_MS = 250;
/** Pause between probe requests. */
const PROBE_EVERY_MS = 20;
/** How long the probe keeps measuring after an attack's last answer (a stall may outlast it). */
const SETTLE_MS = 300;
/** Times each attack is sent, one after another. */
const REPEAT = 3;

const CENTRE = { lon: 120.1605, lat: 30.2415 };

interface Sample {
  at: number;
  ms: number;
}

interface Attack {
  name: string;
  /** Times it is sent (REPEAT unless given). */
  repeat?: number;
  /** Shown, but not held to the budget: a one-off cost nobody can repeat at will. */
  informational?: boolean;
  /** Sends the hostile request(s) once; resolves with their status codes (or the network error). */
  run(url: string): Promise<string[]>;
}

interface Outcome {
  name: string;
  informational: boolean;
  statuses: string[];
  wallMs: number;
  probes: number;
  worstMs: number;
  p99Ms: number;
}

/** Probes `GET /api/health` every PROBE_EVERY_MS until stopped, recording each latency. */
function startProbe(url: string) {
  const samples: Sample[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const at = performance.now();
      try {
        await (await fetch(`${url}/api/health`)).arrayBuffer();
      } catch {
        // a refused probe counts with the time it took
      }
      samples.push({ at, ms: performance.now() - at });
      await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
    }
  })();
  return { samples, stop: async () => { running = false; await done; } };
}

async function send(url: string, init?: RequestInit): Promise<string> {
  try {
    const res = await fetch(url, init);
    await res.arrayBuffer();
    return String(res.status);
  } catch (err) {
    return `network error (${(err as Error).message})`;
  }
}

/** A self-crossing star {n/k} polygon around the centre: every edge crosses many others. */
function starPolygon(vertices: number): number[][] {
  const ring: number[][] = [];
  const step = Math.floor(vertices / 2) - 1;
  for (let i = 0; i < vertices - 1; i += 1) {
    const a = (2 * Math.PI * ((i * step) % (vertices - 1))) / (vertices - 1);
    ring.push([+(CENTRE.lon + 0.003 * Math.cos(a)).toFixed(7), +(CENTRE.lat + 0.0025 * Math.sin(a)).toFixed(7)]);
  }
  ring.push(ring[0]!);
  return ring;
}

/** A valid (convex) polygon of `vertices` corners around the centre. */
function bigPolygon(vertices: number): number[][] {
  const ring: number[][] = [];
  for (let i = 0; i < vertices; i += 1) {
    const a = (2 * Math.PI * i) / vertices;
    ring.push([CENTRE.lon + 0.002 * Math.cos(a), CENTRE.lat + 0.0015 * Math.sin(a)]);
  }
  ring.push(ring[0]!);
  return ring;
}

const building = (coordinates: number[][]) => JSON.stringify({
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: [coordinates] },
  properties: {
    name: '基准测试楼', name_en: 'Bench building', address: '河坊街1号', floors: 3, households: 10, area_m2: 300,
    status: 'planned', community: '清河坊社区',
  },
});

/** A CSV of `rows` minimal rows, about `rows * 4` bytes. */
function hugeCsv(rows: number): Buffer {
  const header = 'lon,lat\n';
  const body = Buffer.alloc(header.length + rows * 4);
  body.write(header);
  for (let i = 0, at = header.length; i < rows; i += 1, at += 4) body.write('1,2\n', at);
  return body;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-bench-abuse-'));
const dataDir = path.join(tmp, 'data');
fs.cpSync(path.join(PROJECT_ROOT, 'data'), dataDir, { recursive: true, filter: (src) => !/\.sqlite(-wal|-shm)?$/.test(src) && !src.includes(`${path.sep}uploads`) });
const env = { DATA_DIR: dataDir, DB_FILE: path.join(tmp, 'abuse.sqlite'), UPLOAD_DIR: path.join(tmp, 'uploads') };

// every hostile body is built before the probe starts: the bench's own work must not stall the probe
const repeatedTile = `/tiles/${Array(2500).fill('cases').join(',')}/14/13660/6746.mvt`;
const repeatedTileJson = `/tiles/${Array(2500).fill('a').join(',')}.json`;
const star = building(starPolygon(6001));
/** Just under the 1 MiB JSON body limit, so that the polygon reaches validation. */
const BIG_BODY_BYTES = 1_000_000;
let big = building(bigPolygon(25_000));
big = building(bigPolygon(Math.floor((25_000 * BIG_BODY_BYTES) / big.length)));
const csv = hugeCsv(2_600_000);
const worstFilter = widestAcceptedFilter(CENTRE);
const hostileFilters = refusedFilters();
console.log(`bodies: star ${(star.length / 1024).toFixed(0)} KB, valid polygon ${(big.length / 1024).toFixed(0)} KB, CSV ${(csv.length / 1024 / 1024).toFixed(1)} MB`);

const server = await startServerProcess(env);
const planner = await signIn(server.url, 'planner');
const write = (body: string): RequestInit => ({ method: 'POST', headers: { cookie: planner, 'content-type': 'application/geo+json' }, body });

/** Slippy-map tile of a point at zoom z. */
function tileOf(lon: number, lat: number, z: number): string {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return `${z}/${Math.floor(((lon + 180) / 360) * n)}/${Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)}`;
}

// the largest legitimate tile request: as many layers as a request may name (the biggest first), never built before
const catalogue = (await (await fetch(`${server.url}/api/layers`)).json()) as { layers: { id: string; featureCount: number }[] };
const widestIds = catalogue.layers.sort((a, b) => b.featureCount - a.featureCount).slice(0, MAX_LAYERS_PER_REQUEST).map((l) => l.id);
const widest = widestIds.join(',');
const widestName = `${widestIds.length} biggest layers (a request names at most ${MAX_LAYERS_PER_REQUEST})`;
let coldZoom = 0;

const attacks: Attack[] = [
  {
    name: '(a) tile URL with `cases` ×2,500 (anonymous)',
    run: async (url) => [await send(`${url}${repeatedTile}`)],
  },
  {
    name: '(a) TileJSON URL with `a` ×2,500 (anonymous)',
    run: async (url) => [await send(`${url}${repeatedTileJson}`)],
  },
  {
    name: `(legit, one-off) first tile after the start: the ${widestName} at z17, building every layer's index`,
    repeat: 1,
    informational: true,
    run: async (url) => [await send(`${url}/tiles/${widest}/${tileOf(CENTRE.lon, CENTRE.lat, 17)}.mvt`)],
  },
  {
    name: `(legit) cold tiles of the ${widestName} at z0–z16 over the district, 6 zooms per run (anonymous)`,
    run: async (url) => {
      const statuses: string[] = [];
      for (let i = 0; i < 6 && coldZoom <= 16; i += 1, coldZoom += 1) statuses.push(await send(`${url}/tiles/${widest}/${tileOf(CENTRE.lon, CENTRE.lat, coldZoom)}.mvt`));
      return statuses;
    },
  },
  {
    name: `(legit) TileJSON of the ${widestName} (anonymous)`,
    run: async (url) => [await send(`${url}/tiles/${widest}.json`)],
  },
  {
    name: `(b) self-crossing star polygon, 6,001 vertices (${(star.length / 1024).toFixed(0)} KB), as planner`,
    run: async (url) => [await send(`${url}/ogc/collections/courtyard-buildings/items`, write(star))],
  },
  {
    name: `(b) valid polygon of ${(big.length / 1024 / 1024).toFixed(1)} MB, as planner`,
    run: async (url) => [await send(`${url}/ogc/collections/courtyard-buildings/items`, write(big))],
  },
  {
    name: `(d) worst accepted CQL2 filter: S_INTERSECTS with a ${(decodeURIComponent(worstFilter).length / 1024).toFixed(1)} KB polygon around the district on the ${widestIds[0]} layer: every feature a candidate, counted exactly, first page of 100 (anonymous)`,
    run: async (url) => [await send(`${url}/ogc/collections/${widestIds[0]}/items${worstFilter}`)],
  },
  {
    name: '(d) refused CQL2 filters: 10,000 nested NOTs, 2,000 NOTs, 300-deep JSON, IN list of 1,500, 20,000 characters (anonymous)',
    run: async (url) => Promise.all(hostileFilters.map((q) => send(`${url}/ogc/collections/cases/items${q}`))),
  },
  {
    name: `(c) CSV import of 2.6 M rows (${(csv.length / 1024 / 1024).toFixed(1)} MB) to garbage-rooms, as planner`,
    run: async (url) => {
      const form = new FormData();
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'rows.csv');
      return [await send(`${url}/api/layers/garbage-rooms/import`, { method: 'POST', headers: { cookie: planner }, body: form })];
    },
  },
];

const outcomes: Outcome[] = [];
const baseline = startProbe(server.url);
await new Promise((r) => setTimeout(r, 1000));
await baseline.stop();
for (const attack of attacks) {
  const probe = startProbe(server.url);
  await new Promise((r) => setTimeout(r, 200));
  const from = performance.now();
  const statuses: string[] = [];
  for (let i = 0; i < (attack.repeat ?? REPEAT); i += 1) statuses.push(...await attack.run(server.url));
  const wallMs = performance.now() - from;
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  await probe.stop();
  const during = probe.samples.filter((s) => s.at + s.ms >= from).map((s) => s.ms);
  const outcome = { name: attack.name, informational: attack.informational === true, statuses, wallMs, probes: during.length, worstMs: Math.max(...during), p99Ms: percentile(during, 99) };
  outcomes.push(outcome);
  console.log(`${attack.name}: HTTP ${statuses.join(', ')} in ${wallMs.toFixed(0)} ms; probe worst ${outcome.worstMs.toFixed(1)} ms, p99 ${outcome.p99Ms.toFixed(1)} ms over ${outcome.probes} probes`);
}
const alive = await send(`${server.url}/api/health`);
await stopProcess(server.proc);
fs.rmSync(tmp, { recursive: true, force: true });

const idle = baseline.samples.map((s) => s.ms);
const over = outcomes.filter((o) => !o.informational && o.worstMs >= BUDGET_MS);
const md = [
  '## Abuse: the stalls of issue 12 under a latency probe (`npm run bench -- abuse`)',
  '',
  `Machine: ${machineLine()}. Date: ${new Date().toISOString().slice(0, 10)}.`,
  `The real server (\`server/src/index.ts\`: embedded SQLite seeded with the demo district in a temporary data folder) while a probe sends \`GET /api/health\` every ${PROBE_EVERY_MS} ms, one request at a time, and times each answer. Each attack is sent ${REPEAT} times in a row, alone; its probes are those answered from the attack's start until ${SETTLE_MS} ms after its last answer. Idle probe before the attacks: p99 ${percentile(idle, 99).toFixed(1)} ms, worst ${Math.max(...idle).toFixed(1)} ms. Budget: every probe under ${BUDGET_MS} ms.`,
  '',
  `| attack (×${REPEAT} unless one-off) | HTTP | wall ms (all runs) | probes | worst probe ms | p99 probe ms |`,
  '|---|---|---|---|---|---|',
  ...outcomes.map((o) => `| ${o.name} | ${o.statuses.join(', ')} | ${o.wallMs.toFixed(0)} | ${o.probes} | ${o.worstMs.toFixed(1)} | ${o.p99Ms.toFixed(1)} |`),
  '',
  'One-off rows are shown but not held to the budget: they happen once per start (or per layer write), not at a client\'s will.',
  'Before the fixes of issue 12 the same requests stalled every other request: (a) 20–33 s for the tile URL and 6.5 s for the TileJSON URL, (b) the star ran the server out of memory and a 1 MB valid polygon blocked it for 35.6 s, (c) the CSV blocked it 4.4 s and took 1.35 GB before its 400.',
  `After the attacks \`/api/health\` answered HTTP ${alive}.`,
  over.length ? `**Over budget:** ${over.map((o) => o.name).join('; ')}.` : `Every probe stayed under ${BUDGET_MS} ms.`,
].join('\n');
console.log(`wrote ${writeBenchSection('abuse', md)}`);
if (over.length || alive !== '200') process.exitCode = 1;
