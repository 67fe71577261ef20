import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A small, valid data folder: a square district, a point layer and a dated line layer. */
export function fixtureCatalogue() {
  const square = [[[120.15, 30.23], [120.17, 30.23], [120.17, 30.25], [120.15, 30.25], [120.15, 30.23]]];
  const nameProps = {
    name: { type: 'string', title: '名称', 'x-title-en': 'Name' },
    name_en: { type: 'string', title: '英文名', 'x-title-en': 'English name' },
  };
  const layers = [
    {
      id: 'district-boundary', title: { zh: '街道边界', en: 'Boundary' }, group: 'administrative', geometryType: 'Polygon',
      file: 'layers/district-boundary.geojson', style: { color: '#333333' },
      schema: { type: 'object', required: ['name'], additionalProperties: false, properties: nameProps },
    },
    {
      id: 'garbage-rooms', title: { zh: '生态垃圾房', en: 'Garbage rooms' }, group: 'ecology', geometryType: 'Point',
      file: 'layers/garbage-rooms.geojson', style: { color: '#1b9e77' }, withinDistrict: true,
      temporal: { start: 'opened_date' },
      schema: {
        type: 'object', required: ['name', 'name_en', 'status'], additionalProperties: false,
        properties: {
          ...nameProps,
          status: { type: 'string', enum: ['open', 'closed'], title: '状态' },
          households_served: { type: 'integer', minimum: 0, title: '服务户数', 'x-unit': '户' },
          sorting: { type: 'boolean', title: '分类' },
          opened_date: { type: 'string', format: 'date', title: '启用日期' },
        },
      },
    },
    {
      id: 'alleys', title: { zh: '小巷', en: 'Alleys' }, group: 'renovation', geometryType: 'LineString',
      file: 'layers/alleys.geojson', style: { color: '#d95f02' }, withinDistrict: true,
      temporal: { start: 'start_date', end: 'completed_date' },
      schema: {
        type: 'object', required: ['name', 'name_en'], additionalProperties: false,
        properties: {
          ...nameProps,
          start_date: { type: 'string', format: 'date' },
          completed_date: { type: 'string', format: 'date' },
          length_m: { type: 'number', minimum: 0 },
          before_desc: { type: 'string', 'x-long-text': true },
        },
      },
    },
  ];
  const point = (i: number, lon: number, lat: number, extra: Record<string, unknown> = {}) => ({
    type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: { name: `垃圾房${i}`, name_en: `Room ${i}`, status: i % 2 ? 'open' : 'closed', households_served: i * 100, sorting: i % 3 === 0, opened_date: `2011-0${(i % 9) + 1}-15`, ...extra },
  });
  const files: Record<string, unknown> = {
    'layers.json': layers,
    'layers/district-boundary.geojson': {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: square }, properties: { name: '测试街道' } }],
    },
    'layers/garbage-rooms.geojson': {
      type: 'FeatureCollection',
      features: Array.from({ length: 12 }, (_, i) => point(i + 1, 120.151 + i * 0.0015, 30.231 + i * 0.0015)),
    },
    'layers/alleys.geojson': {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[120.155, 30.24], [120.157, 30.241]] }, properties: { name: '羊坝头', name_en: 'Yangbatou', start_date: '2011-03-01', completed_date: '2011-06-30', length_m: 210, before_desc: '路面破损，管线杂乱' } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[120.16, 30.245], [120.162, 30.245]] }, properties: { name: '红门局', name_en: 'Hongmenju', start_date: '2011-07-01' } },
      ],
    },
    'indicators.json': [
      { year: 2011, key: 'total_tax', title: { zh: '税收总额', en: 'Total tax' }, value: 8.7, plan: null, growth_pct: 33.3, unit: '亿元', group: 'economy' },
    ],
  };
  return files;
}

/** Writes a data folder into a new temp dir; `edit` may change the files first. */
export function writeFixtureDataDir(edit?: (files: Record<string, any>) => void): string {
  const files = structuredClone(fixtureCatalogue()) as Record<string, any>;
  edit?.(files);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-data-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}
