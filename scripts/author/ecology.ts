import type { Feature, Point } from 'geojson';
import { C } from './communities.js';
import { feature, type LonLat, type Props } from './geo.js';
import { stairwellLampSites } from './renovation.js';

interface GarbageRoom {
  name: string;
  nameEn: string;
  community: string;
  address: string;
  at: LonLat;
  capacity: number;
  bins: number;
  households: number;
  sorting: 'four_kinds' | 'four_kinds_composting';
  opened: string;
}

/** The six ecological garbage rooms of 2011 (positions and figures invented). */
const GARBAGE_ROOMS: GarbageRoom[] = [
  { name: '南山路生态垃圾房', nameEn: 'Nanshan Road eco garbage room', community: C.qbm, address: '南山路42号旁', at: [120.1558, 30.2447], capacity: 2.0, bins: 12, households: 1100, sorting: 'four_kinds_composting', opened: '2011-04-22' },
  { name: '清波街生态垃圾房', nameEn: 'Qingbo Street eco garbage room', community: C.qbm, address: '清波街31号旁', at: [120.157, 30.2398], capacity: 1.5, bins: 8, households: 780, sorting: 'four_kinds', opened: '2011-05-18' },
  { name: '荷花池头生态垃圾房', nameEn: 'Hehuachitou eco garbage room', community: C.ldl, address: '荷花池头41号旁', at: [120.1595, 30.2446], capacity: 1.8, bins: 10, households: 960, sorting: 'four_kinds_composting', opened: '2011-06-05' },
  { name: '红门局生态垃圾房', nameEn: 'Hongmenju eco garbage room', community: C.dal, address: '红门局10号旁', at: [120.158, 30.2477], capacity: 1.5, bins: 8, households: 820, sorting: 'four_kinds', opened: '2011-07-12' },
  { name: '太平坊巷生态垃圾房', nameEn: 'Taipingfang Lane eco garbage room', community: C.qhf, address: '太平坊巷20号旁', at: [120.1686, 30.2391], capacity: 2.2, bins: 12, households: 1050, sorting: 'four_kinds', opened: '2011-09-08' },
  { name: '柳翠井巷生态垃圾房', nameEn: 'Liucuijing Lane eco garbage room', community: C.lcj, address: '柳翠井巷30号旁', at: [120.1682, 30.2456], capacity: 1.6, bins: 10, households: 880, sorting: 'four_kinds', opened: '2011-10-20' },
];

/** Ecological garbage rooms (exactly six, as in the report). */
export function garbageRooms(): Feature<Point, Props>[] {
  return GARBAGE_ROOMS.map((g) =>
    feature<Point>({ type: 'Point', coordinates: g.at }, {
      name: g.name, name_en: g.nameEn, capacity_t_per_day: g.capacity, bins: g.bins,
      households_served: g.households, sorting_type: g.sorting, address: g.address,
      opened_date: g.opened, status: 'in_service', community: g.community, demo: true,
    }),
  );
}

type SolarKind = 'rooftop' | 'courtyard_lamps' | 'promotion_window' | 'stairwell_lamp';

interface Solar {
  name: string;
  nameEn: string;
  kind: SolarKind;
  community: string;
  at: LonLat;
  powerW: number;
  units: number;
  installed: string;
  site: string;
}

/**
 * Solar installations: one rooftop, one courtyard-lamp renovation, one promotion window
 * and 30 stairwell lamps in the courtyard-improvement buildings (33 features; power and
 * dates invented).
 */
export function solarInstallations(): Feature<Point, Props>[] {
  const singles: Solar[] = [
    { name: '劳动路社区太阳能阳光屋顶', nameEn: 'Laodong Road solar rooftop', kind: 'rooftop', community: C.ldl, at: [120.1583, 30.2442], powerW: 6000, units: 1, installed: '2011-06-18', site: '荷花池头30号' },
    { name: '定安路社区庭院太阳能灯改造', nameEn: "Ding'an Road courtyard solar lamps", kind: 'courtyard_lamps', community: C.dal, at: [120.161, 30.2472], powerW: 720, units: 24, installed: '2011-08-10', site: '后市街88号院' },
    { name: '清波门社区太阳能宣传橱窗', nameEn: 'Qingbomen solar promotion window', kind: 'promotion_window', community: C.qbm, at: [120.1556, 30.2406], powerW: 150, units: 1, installed: '2011-05-20', site: '清波街' },
  ];
  const lamps: Solar[] = stairwellLampSites().map((s, i) => ({
    name: `${s.building}太阳能楼道灯${(i % 2) + 1}`, nameEn: `Solar stairwell lamp ${(i % 2) + 1}, ${s.buildingEn}`,
    kind: 'stairwell_lamp', community: s.community, at: s.at, powerW: 5, units: 1, installed: s.date, site: s.building,
  }));
  return [...singles, ...lamps].map((s) =>
    feature<Point>({ type: 'Point', coordinates: s.at }, {
      name: s.name, name_en: s.nameEn, kind: s.kind, power_w: s.powerW, units: s.units, site: s.site,
      status: 'in_service', install_date: s.installed, community: s.community, demo: true,
    }),
  );
}
