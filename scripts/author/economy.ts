import * as turf from '@turf/turf';
import type { Feature, LineString, Point } from 'geojson';
import { NANSHAN_ROAD } from './basemap.js';
import { C } from './communities.js';
import { dedupe, feature, offset, type Props } from './geo.js';

const road = turf.lineString(NANSHAN_ROAD);

/** Where the corridor starts and ends, in metres along Nanshan Road from Xihu Avenue. */
const CORRIDOR = { from: 10, to: 1010 };

/** The famous car corridor: ≈ 1 km of Nanshan Road, on the road's own course. */
export function carCorridor(): Feature<LineString, Props>[] {
  const part = turf.lineSliceAlong(road, CORRIDOR.from, CORRIDOR.to, { units: 'meters' });
  const geometry: LineString = { type: 'LineString', coordinates: dedupe(part.geometry.coordinates) };
  return [
    feature(geometry, {
      name: '名车长廊', name_en: 'Nanshan Road famous car corridor', road: '南山路',
      length_m: Math.round(turf.length(turf.feature(geometry), { units: 'meters' })),
      dealers: DEALERS.length,
      description: '南山路沿线豪华汽车品牌集聚带；2011年宝马、奥迪开业，GMC高端商务房车入驻。',
      description_en: 'Luxury car brands along Nanshan Road; BMW and Audi opened in 2011 and GMC premium business vans moved in.',
    }),
  ];
}

type Category = 'luxury' | 'premium' | 'business_van' | 'multi_brand';

interface Dealer {
  brand: string;
  brandEn: string;
  category: Category;
  year: number;
  no: number;
  along: number;
}

/**
 * Dealers along the corridor. BMW, Audi and GMC are from the 2011 report; the six luxury
 * brands from a 2010 newspaper (opening years invented, ≤ 2010); the multi-brand
 * showroom and all street numbers are invented.
 */
const DEALERS: Dealer[] = [
  { brand: '宝马', brandEn: 'BMW', category: 'premium', year: 2011, no: 12, along: 40 },
  { brand: '奥迪', brandEn: 'Audi', category: 'premium', year: 2011, no: 18, along: 130 },
  { brand: 'GMC', brandEn: 'GMC', category: 'business_van', year: 2011, no: 26, along: 220 },
  { brand: '法拉利', brandEn: 'Ferrari', category: 'luxury', year: 2009, no: 36, along: 310 },
  { brand: '玛莎拉蒂', brandEn: 'Maserati', category: 'luxury', year: 2009, no: 48, along: 400 },
  { brand: '劳斯莱斯', brandEn: 'Rolls-Royce', category: 'luxury', year: 2010, no: 56, along: 490 },
  { brand: '宾利', brandEn: 'Bentley', category: 'luxury', year: 2008, no: 68, along: 580 },
  { brand: '保时捷', brandEn: 'Porsche', category: 'luxury', year: 2007, no: 80, along: 700 },
  { brand: '阿斯顿·马丁', brandEn: 'Aston Martin', category: 'luxury', year: 2010, no: 92, along: 790 },
  { brand: '多品牌进口车', brandEn: 'Multi-brand imports', category: 'multi_brand', year: 2010, no: 106, along: 900 },
];

/** Showroom name per brand. */
function showroom(d: Dealer): { zh: string; en: string } {
  if (d.category === 'multi_brand') return { zh: '南山路进口名车展厅', en: 'Nanshan Road imported-car showroom' };
  if (d.category === 'business_van') return { zh: 'GMC高端商务房车展厅', en: 'GMC premium business-van showroom' };
  return { zh: `${d.brand}南山路展厅`, en: `${d.brandEn} Nanshan Road showroom` };
}

/** Dealer points, 25 m east of the road's centre line on the landward side. */
export function carDealers(): Feature<Point, Props>[] {
  return DEALERS.map((d) => {
    const onRoad = turf.along(road, d.along, { units: 'meters' }).geometry.coordinates;
    const n = showroom(d);
    return feature<Point>({ type: 'Point', coordinates: offset(onRoad, 25, 0) }, {
      name: n.zh, name_en: n.en, brand: d.brand, brand_en: d.brandEn, category: d.category,
      opening_year: d.year, address: `南山路${d.no}号`, community: C.qbm, demo: true,
    });
  });
}
