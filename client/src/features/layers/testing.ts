import type { StyleSpecification } from 'maplibre-gl';
import type { LayerInfo } from '@shared/layers';
import type { FetchLike } from '../../api/http';

/** A catalogue entry for tests; fields can be overridden. */
export function sampleLayer(overrides: Partial<LayerInfo> = {}): LayerInfo {
  return {
    id: 'alley-renovations',
    title: { zh: '背街小巷改造', en: 'Alley renovations' },
    description: { zh: '', en: '' },
    group: 'renovation',
    geometryType: 'LineString',
    labelProperty: 'name',
    style: { color: '#d95f02' },
    attribution: '演示数据 Demo data',
    version: 1,
    featureCount: 2,
    bbox: [120.155, 30.24, 120.162, 30.245],
    schema: {
      type: 'object',
      required: ['name', 'name_en'],
      properties: {
        name: { type: 'string', title: '名称', 'x-title-en': 'Name' },
        name_en: { type: 'string', title: '英文名', 'x-title-en': 'English name' },
        status: {
          type: 'string', title: '状态', 'x-title-en': 'Status', enum: ['planned', 'accepted'],
          'x-enum-labels': { planned: { zh: '规划', en: 'Planned' }, accepted: { zh: '已验收', en: 'Accepted' } },
        },
        length_m: { type: 'number', title: '长度', 'x-title-en': 'Length', 'x-unit': 'm' },
        households: { type: 'integer', title: '受益户数', 'x-title-en': 'Households', 'x-unit': '户' },
        demo: { type: 'boolean', title: '演示数据', 'x-title-en': 'Demo data' },
      },
    },
    ...overrides,
  };
}

/** A style shaped like the server's: a background, then tagged layers of a road, a polygon, a line and a point layer. */
export function sampleStyle(lang: 'zh' | 'en' = 'zh'): StyleSpecification {
  const tagged = (layer: string, group: string, role: string) => ({
    id: `${layer}-${role}`,
    source: group === 'basemap' ? 'basemap' : 'thematic',
    'source-layer': layer,
    metadata: { 'qingbo:layer': layer, 'qingbo:group': group, 'qingbo:role': role },
  });
  return {
    version: 8,
    metadata: { 'qingbo:style': 'console', 'qingbo:lang': lang },
    sources: {
      basemap: { type: 'vector', url: 'http://localhost/tiles/roads.json' },
      thematic: { type: 'vector', url: 'http://localhost/tiles/courtyard-buildings,alley-renovations,garbage-rooms.json' },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f2efe9' } },
      { ...tagged('roads', 'basemap', 'casing'), type: 'line', paint: { 'line-color': '#c9c3b8' } },
      { ...tagged('roads', 'basemap', 'line'), type: 'line', paint: { 'line-color': '#ffffff' } },
      { ...tagged('courtyard-buildings', 'renovation', 'fill'), type: 'fill', paint: { 'fill-color': '#E69F00', 'fill-opacity': 0.35 } },
      { ...tagged('courtyard-buildings', 'renovation', 'line'), type: 'line', paint: { 'line-color': '#b07800' } },
      { ...tagged('alley-renovations', 'renovation', 'line'), type: 'line', paint: { 'line-color': '#D55E00' } },
      { ...tagged('garbage-rooms', 'ecology', 'circle'), type: 'circle', paint: { 'circle-color': '#009E73' } },
      { ...tagged('garbage-rooms', 'ecology', 'count'), type: 'symbol', paint: { 'text-color': '#ffffff' } },
      { ...tagged('garbage-rooms', 'ecology', 'label'), type: 'symbol', layout: { 'text-field': ['get', lang === 'en' ? 'name_en' : 'name'] }, paint: { 'text-color': '#3b3b3b' } },
    ],
  };
}

/** A fake fetch answering each URL from a table (a function may throw to fake a network error). */
export function fakeFetch(routes: Record<string, () => Response>): FetchLike & { calls: string[] } {
  const calls: string[] = [];
  const fetch = async (url: string) => {
    calls.push(url);
    const route = routes[url];
    if (!route) return new Response(JSON.stringify({ error: { code: 'not_found', message: `no route ${url}` } }), { status: 404 });
    return route();
  };
  return Object.assign(fetch, { calls });
}

/** A JSON response. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
