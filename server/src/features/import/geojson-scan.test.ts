import { describe, expect, it } from 'vitest';
import { scanFeatures } from './geojson-scan';
import { createSlicer } from './slicer';

const limits = { maxFeatures: 3, maxFeatureChars: 100 };
const scan = (text: string, l = limits) => scanFeatures(text, l, createSlicer());
const texts = (text: string, spans: [number, number][]) => spans.map(([a, b]) => text.slice(a, b).trim());

describe('scanFeatures', () => {
  it('finds each element of the root\'s "features" array and the text around it, whatever the strings hold', async () => {
    const text = '{"type":"FeatureCollection", "name":"a \\" ] , [ }", "features" : [ {"type":"Feature","properties":{"features":[1,2]}} , {"p":"x,]"} ],"bbox":[1,2]}';
    const result = await scan(text);
    if ('kind' in result) throw new Error('stopped');
    expect(texts(text, result.spans)).toEqual(['{"type":"Feature","properties":{"features":[1,2]}}', '{"p":"x,]"}']);
    expect(JSON.parse(result.skeleton)).toEqual({ type: 'FeatureCollection', name: 'a " ] , [ }', features: [], bbox: [1, 2] });
  });

  it('gives the whole text as the skeleton when there is no "features" array (a single Feature) or it is empty', async () => {
    expect(await scan('{"type":"Feature","geometry":null}')).toEqual({ skeleton: '{"type":"Feature","geometry":null}', spans: [] });
    expect(await scan('{"features":[ ]}')).toEqual({ skeleton: '{"features":[]}', spans: [] });
  });

  it('stops at the element past the limit, and at an element longer than the limit', async () => {
    expect(await scan(`{"features":[{},{},{},{},${'x'.repeat(1000)}`)).toEqual({ kind: 'too_many', count: 4 });
    expect(await scan(`{"features":[{},{"p":"${'y'.repeat(200)}"}]}`)).toMatchObject({ kind: 'too_long', index: 1 });
  });

  it('ignores a "features" key below the root', async () => {
    const text = '{"type":"Feature","properties":{"features":[{},{},{},{},{}]}}';
    expect(await scan(text)).toEqual({ skeleton: text, spans: [] });
  });
});
