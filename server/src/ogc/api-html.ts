import type { Layer } from '../features/layers';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A small human-readable page describing the API (the `service-doc` link). */
export function apiHtml(base: string, layers: Layer[]): string {
  const rows = layers
    .map((l) => `<tr><td><a href="${escapeHtml(`${base}/collections/${l.id}/items`)}">${escapeHtml(l.id)}</a></td><td>${escapeHtml(l.title.zh)}</td><td>${escapeHtml(l.title.en)}</td><td>${escapeHtml(l.geometryType)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>清波一张图 OGC API Features</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem}td,th{padding:.2rem .6rem;text-align:left}</style></head>
<body><h1>清波一张图 · OGC API – Features</h1>
<p>Part 1 (core, GeoJSON, OpenAPI 3.0). Coordinates are WGS84 (CRS84). Demo data of Qingbo Street, Hangzhou (2011).</p>
<ul><li><a href="${escapeHtml(base)}/api">OpenAPI 3.0 definition</a></li><li><a href="${escapeHtml(base)}/conformance">Conformance</a></li><li><a href="${escapeHtml(base)}/collections">Collections</a></li></ul>
<p>Items take <code>bbox</code>, <code>datetime</code>, <code>limit</code> (1–10000, default 100), <code>offset</code> and equality filters on any schema property, e.g. <code>?status=completed</code>. Read with GDAL: <code>ogrinfo OAPIF:${escapeHtml(base)}</code>.</p>
<table><thead><tr><th>id</th><th>名称</th><th>Title</th><th>Geometry</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}
