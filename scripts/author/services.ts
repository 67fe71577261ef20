import type { Feature, Point } from 'geojson';
import { C, COMMUNITIES } from './communities.js';
import { feature, type LonLat, type Props } from './geo.js';

type Kind = 'elderly_canteen_centre' | 'farm_produce_shop' | 'culture' | 'community_office';

interface Facility {
  name: string;
  nameEn: string;
  kind: Kind;
  community: string;
  address: string;
  at: LonLat;
  graduates?: number;
  description?: string;
}

/** The 3 "清波创驿" shops employ 25 graduates in all (split invented). */
const FACILITIES: Facility[] = [
  {
    name: '清波街道老年食堂配送中心', nameEn: 'Qingbo elderly-canteen delivery centre', kind: 'elderly_canteen_centre',
    community: C.ldl, address: '荷花池头45号', at: [120.1608, 30.2448],
    description: '覆盖街道全辖区的老年食堂配送中心。',
  },
  { name: '清波创驿农产品直销店（南山路店）', nameEn: 'Qingbo Chuangyi farm shop, Nanshan Road', kind: 'farm_produce_shop', community: C.qbm, address: '南山路30号', at: [120.1556, 30.2457], graduates: 9 },
  { name: '清波创驿农产品直销店（延安南路店）', nameEn: "Qingbo Chuangyi farm shop, Yan'an South Road", kind: 'farm_produce_shop', community: C.dal, address: '延安南路62号', at: [120.159, 30.2468], graduates: 8 },
  { name: '清波创驿农产品直销店（河坊街店）', nameEn: 'Qingbo Chuangyi farm shop, Hefang Street', kind: 'farm_produce_shop', community: C.qhf, address: '河坊街210号', at: [120.166, 30.2431], graduates: 8 },
  {
    name: '杭州孔庙·西湖国学馆', nameEn: 'Hangzhou Confucius Temple / West Lake Academy of Chinese Classics', kind: 'culture',
    community: C.ldl, address: '府学巷8号', at: [120.162, 30.242],
    description: '“国学港”：清波人文讲坛、学国学系列活动。',
  },
];

/** Service facilities: the canteen centre, the farm-produce shops, the temple and the 5 community offices. */
export function serviceFacilities(): Feature<Point, Props>[] {
  const offices: Facility[] = COMMUNITIES.map((c) => ({
    name: `${c.name}居委会`, nameEn: `${c.nameEn} office`, kind: 'community_office',
    community: c.name, address: c.officeAddress, at: c.office,
  }));
  return [...FACILITIES, ...offices].map((f) =>
    feature<Point>({ type: 'Point', coordinates: f.at }, {
      name: f.name, name_en: f.nameEn, kind: f.kind, address: f.address, community: f.community,
      ...(f.graduates !== undefined ? { graduates_employed: f.graduates } : {}),
      ...(f.description ? { description: f.description } : {}),
      demo: f.kind === 'farm_produce_shop' || f.kind === 'elderly_canteen_centre',
    }),
  );
}
