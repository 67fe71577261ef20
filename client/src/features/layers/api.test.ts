import { describe, expect, it } from 'vitest';
import { featureUrl, fetchFeature } from './api';
import { fakeFetch, json } from './testing';

describe('fetchFeature', () => {
  it('fetches one feature from the OGC API, escaping the ids', async () => {
    const fetch = fakeFetch({
      '/ogc/collections/alley-renovations/items/307': () => json({ type: 'Feature', id: 307, geometry: null, properties: { before_desc: '路面破损' } }),
    });

    const feature = await fetchFeature('alley-renovations', 307, fetch);

    expect(feature.properties).toEqual({ before_desc: '路面破损' });
    expect(featureUrl('a b', 'x/y')).toBe('/ogc/collections/a%20b/items/x%2Fy');
  });

  it('rejects a body that is not a feature and passes on the server error', async () => {
    const fetch = fakeFetch({ '/ogc/collections/roads/items/1': () => json({ type: 'FeatureCollection', features: [] }) });

    await expect(fetchFeature('roads', 1, fetch)).rejects.toThrow(/not a GeoJSON Feature/);
    await expect(fetchFeature('roads', 2, fetch)).rejects.toMatchObject({ name: 'HttpError', status: 404 });
  });
});
