import { describe, expect, it } from 'vitest';
import type { LayerInfo } from '@shared/layers';
import { defaultChoice, layerChoices } from './layerChoices';

const layer = (id: string, geometryType: LayerInfo['geometryType'], group: LayerInfo['group'], featureCount: number) =>
  ({ id, geometryType, group, featureCount, title: { zh: `${id}-zh`, en: `${id}-en` } }) as LayerInfo;
const catalogue = [layer('landmarks', 'Point', 'basemap', 16), layer('communities', 'Polygon', 'administrative', 5), layer('cases', 'Point', 'services', 2878), layer('garbage-rooms', 'Point', 'ecology', 6)];

describe('layerChoices', () => {
  it('lists thematic layers before the basemap, in the locale, marking layers above the limit', () => {
    expect(layerChoices(catalogue, 'en', { pointsOnly: true, maxFeatures: 150 })).toEqual([
      { id: 'cases', title: 'cases-en', featureCount: 2878, tooMany: true },
      { id: 'garbage-rooms', title: 'garbage-rooms-en', featureCount: 6, tooMany: false },
      { id: 'landmarks', title: 'landmarks-en', featureCount: 16, tooMany: false },
    ]);
    expect(layerChoices(catalogue, 'zh-CN').map((c) => [c.title, c.tooMany])).toEqual([
      ['communities-zh', false], ['cases-zh', false], ['garbage-rooms-zh', false], ['landmarks-zh', false],
    ]);
  });

  it('starts with the preferred layer, else the first one that can be chosen', () => {
    const points = layerChoices(catalogue, 'en', { pointsOnly: true, maxFeatures: 150 });
    expect(defaultChoice(points, 'garbage-rooms')).toBe('garbage-rooms');
    expect(defaultChoice(points, 'cases')).toBe('garbage-rooms');
    expect(defaultChoice([], 'cases')).toBe('');
  });
});
