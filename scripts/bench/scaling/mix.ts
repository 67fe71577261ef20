import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { filingBody } from '../cases-client';
import { random } from '../synthetic';
import { districtTiles } from '../tile-list';

/** One load run's figures. */
export interface MixResult {
  /** Requests sent (answered or not). */
  requests: number;
  /** Requests answered (any status). */
  answered: number;
  /** Answers a second (mean). */
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors (timeouts included) and answers outside 2xx. */
  failed: number;
  filingsSent: number;
  /** Ids of the cases whose filing was answered 201. */
  acked: number[];
}

/** The read paths of today's mix (load.bench.ts) that answer on this server. */
export async function mixReads(url: string, cookie: string): Promise<{ reads: string[]; caseIds: number[] }> {
  const list = (await (await fetch(`${url}/api/cases?limit=50`, { headers: { cookie } })).json()) as { cases?: { id: number }[]; items?: { id: number }[] };
  const caseIds = (list.cases ?? list.items ?? []).map((c) => c.id);
  const wanted: string[] = [];
  for (const z of [14, 15, 16, 17]) for (const [x, y] of districtTiles(z, 6)) wanted.push(`/tiles/cases/${z}/${x}/${y}.mvt`, `/tiles/communities,grid-cells/${z}/${x}/${y}.mvt`);
  wanted.push('/ogc/collections/cases/items?limit=50', '/ogc/collections/cases/items?bbox=120.155,30.238,120.165,30.245&limit=100', '/ogc/collections/communities/items');
  const reads: string[] = [];
  for (const r of wanted) if ((await fetch(`${url}${r}`, { headers: { cookie } })).status < 400) reads.push(r);
  return { reads, caseIds };
}

/**
 * Today's mix (load.bench.ts): 80 % tiles and OGC pages, 15 % case reads, 5 % filings; `filingShare` 1 sends filings
 * only. autocannon in this process, `connections` connections for `seconds`.
 */
export async function runMix(opts: { url: string; cookie: string; seconds: number; connections: number; filingShare: number; reads: string[]; caseIds: number[] }): Promise<MixResult> {
  const { url, cookie, reads, caseIds, filingShare } = opts;
  const rand = random(8);
  const acked: number[] = [];
  let filingsSent = 0;
  const result = await autocannon({
    url, connections: opts.connections, duration: opts.seconds, headers: { cookie },
    requests: [{
      setupRequest: (req, ctx) => {
        const context = ctx as { filing?: boolean };
        const p = rand();
        context.filing = false;
        if (p < (1 - filingShare) * 0.8 / 0.95) {
          return { ...req, method: 'GET', path: reads[Math.floor(rand() * reads.length)]!, body: undefined, headers: { cookie, 'accept-encoding': 'gzip' } };
        }
        if (p < 1 - filingShare) {
          const path = rand() < 0.5 && caseIds.length ? `/api/cases/${caseIds[Math.floor(rand() * caseIds.length)]!}` : '/api/cases?limit=20';
          return { ...req, method: 'GET', path, body: undefined, headers: { cookie } };
        }
        context.filing = true;
        filingsSent += 1;
        return { ...req, method: 'POST', path: '/api/cases', body: filingBody(randomUUID(), rand), headers: { cookie, 'content-type': 'application/json' } };
      },
      onResponse: (status, body, ctx) => {
        if ((ctx as { filing?: boolean }).filing && status === 201) acked.push((JSON.parse(body) as { case: { id: number } }).case.id);
      },
    }],
  });
  return {
    requests: result.requests.sent, answered: result.requests.total, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99,
    failed: result.errors + result.non2xx, filingsSent, acked,
  };
}
