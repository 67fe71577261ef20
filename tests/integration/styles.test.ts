import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import path from 'node:path';
import { createApp } from '../../server/src/app';
import { PROJECT_ROOT, testConfig } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/database';
import { seedDatabase } from '../../server/src/seed/seed';

const dataDir = path.join(PROJECT_ROOT, 'data');
const db = openDatabase(':memory:');
seedDatabase(db, dataDir);
const app = createApp({ db, config: testConfig({ dataDir }) });
const layerIds = (db.prepare('SELECT id FROM layers').pluck().all() as string[]);

describe.each(['console', 'overview'])('/styles/%s.json', (name) => {
  it('is a valid MapLibre style without glyphs, over this server\'s tiles', async () => {
    const res = await request(app).get(`/styles/${name}.json`);
    expect(res.status).toBe(200);
    const style = res.body;
    expect(validateStyleMin(style)).toEqual([]);
    expect(style).not.toHaveProperty('glyphs');
    for (const source of Object.values(style.sources) as { type: string; url: string }[]) {
      expect(source.type).toBe('vector');
      const tilejson = await request(app).get(new URL(source.url).pathname);
      expect(tilejson.status).toBe(200);
    }
  });

  it('draws every layer of the catalogue, with Chinese labels by default', async () => {
    const style = (await request(app).get(`/styles/${name}.json`)).body;
    const drawn = new Set(style.layers.map((l: { metadata?: Record<string, string> }) => l.metadata?.['qingbo:layer']).filter(Boolean));
    expect([...drawn].sort()).toEqual([...layerIds].sort());
    const roads = style.layers.find((l: { id: string }) => l.id === 'roads-label');
    expect(JSON.stringify(roads.layout['text-field'])).toContain('"name"');
    expect(JSON.stringify(roads.layout['text-field'])).not.toContain('name_en');
    const firstLabel = style.layers.findIndex((l: { type: string }) => l.type === 'symbol');
    expect(style.layers.slice(firstLabel).every((l: { type: string }) => l.type === 'symbol')).toBe(true);
  });

  it('labels in English on ?lang=en and rejects a bad language', async () => {
    const style = (await request(app).get(`/styles/${name}.json?lang=en`)).body;
    expect(JSON.stringify(style.layers.find((l: { id: string }) => l.id === 'roads-label').layout['text-field'])).toContain('name_en');
    expect((await request(app).get(`/styles/${name}.json?lang=fr`)).status).toBe(400);
  });
});

describe('styles', () => {
  it('differ in theme: the overview is dark', async () => {
    const bg = async (n: string) => (await request(app).get(`/styles/${n}.json`)).body.layers[0].paint['background-color'];
    expect(await bg('console')).toBe('#f2efe9');
    expect(await bg('overview')).toBe('#0b1426');
  });

  it('404s an unknown style', async () => {
    const res = await request(app).get('/styles/nope.json');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/style "nope" does not exist/);
  });

  it('adds an online basemap only when configured, and lets the CSP load it', async () => {
    const plain = (await request(app).get('/styles/console.json')).body;
    expect(plain.layers.some((l: { type: string }) => l.type === 'raster')).toBe(false);
    const osmApp = createApp({ db, config: testConfig({ dataDir, basemap: 'osm' }) });
    const res = await request(osmApp).get('/styles/console.json');
    expect(res.body.layers[1]).toMatchObject({ id: 'online-basemap', type: 'raster' });
    expect(validateStyleMin(res.body)).toEqual([]);
    expect(res.headers['content-security-policy']).toContain('https://tile.openstreetmap.org');
  });
});

describe('attribution', () => {
  it('stays one short line for every source, however many layers it carries', async () => {
    const style = (await request(app).get('/styles/console.json')).body;
    for (const source of Object.values(style.sources) as { url: string }[]) {
      const tilejson = (await request(app).get(new URL(source.url).pathname)).body;
      expect(tilejson.attribution.length).toBeLessThan(120);
    }
  });
});
