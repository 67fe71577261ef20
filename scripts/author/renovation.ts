import * as turf from '@turf/turf';
import type { Feature, LineString, Point, Polygon } from 'geojson';
import { C } from './communities.js';
import { feature, rectangle, roundPos, type LonLat, type Props } from './geo.js';

/** The report's renovation totals, asserted when the layers are built. */
export const TOTALS = { buildings: 15, floorArea: 38_600, households: 890, serviceRoomArea: 275 };

const PROJECT = '“51131”南宋皇城街巷综保工程（清波段）';

interface Alley {
  name: string;
  nameEn: string;
  community: string;
  line: LonLat[];
  status: 'planned' | 'under_construction' | 'completed' | 'accepted';
  start: string;
  completed: string;
  budgetWan: number;
  contractor: string;
  before: string;
  after: string;
}

/** The three alleys of the 2011 "51131" project (courses estimated; budgets and contractors invented). */
const ALLEYS: Alley[] = [
  {
    name: '羊坝头', nameEn: 'Yangbatou Alley', community: C.lcj,
    line: [[120.16475, 30.2471], [120.166, 30.24715], [120.16705, 30.2471]],
    status: 'accepted', start: '2011-03-15', completed: '2011-08-30', budgetWan: 286,
    contractor: '示例古建修缮有限公司（演示）',
    before: '路面破损，架空杆线凌乱，沿街立面陈旧。', after: '青石板铺装，杆线上改下，按南宋风貌整治沿街立面。',
  },
  {
    name: '旧番署', nameEn: 'Jiufanshu Alley', community: C.dal,
    line: [[120.1593, 30.2462], [120.1604, 30.2461], [120.1612, 30.2462]],
    status: 'accepted', start: '2011-04-06', completed: '2011-09-20', budgetWan: 215,
    contractor: '示例市政工程有限公司（演示）',
    before: '路面坑洼，雨污合流，夜间照明不足。', after: '雨污分流，路面重铺，增设仿古路灯。',
  },
  {
    name: '红门局', nameEn: 'Hongmenju Alley', community: C.dal,
    line: [[120.1593, 30.2474], [120.1582, 30.2474], [120.1574, 30.2471]],
    status: 'completed', start: '2011-05-10', completed: '2011-11-25', budgetWan: 248,
    contractor: '示例城建工程有限公司（演示）',
    before: '违章搭建多，墙面脱落，缺少绿化。', after: '拆除违建，修缮墙面，增设小型绿地和休憩座椅。',
  },
];

/** Alley renovation lines; `length_m` is the turf length of each line. */
export function alleyRenovations(): Feature<LineString, Props>[] {
  return ALLEYS.map((a) => {
    const geometry: LineString = { type: 'LineString', coordinates: a.line };
    return feature(geometry, {
      name: a.name, name_en: a.nameEn, project: PROJECT, status: a.status, progress_pct: 100,
      start_date: a.start, completed_date: a.completed,
      length_m: Math.round(turf.length(turf.feature(geometry), { units: 'meters' })),
      budget_wan: a.budgetWan, contractor: a.contractor, before_desc: a.before, after_desc: a.after,
      community: a.community, demo: true,
    });
  });
}

interface Building {
  address: string;
  addressEn: string;
  no: number;
  community: string;
  centre: LonLat;
  floors: number;
  year: number;
  households: number;
  area: number;
  width: number;
  bearing: number;
  status: 'completed' | 'accepted';
  start: string;
  completed: string;
}

const b = (
  address: string, addressEn: string, no: number, community: string, centre: LonLat,
  floors: number, year: number, households: number, area: number,
  status: Building['status'], start: string, completed: string, width = 10, bearing = 0,
): Building => ({ address, addressEn, no, community, centre, floors, year, households, area, width, bearing, status, start, completed });

/** The 15 courtyard-improvement buildings (addresses, positions and per-building figures invented). */
export const BUILDINGS: Building[] = [
  b('蔡官巷20号', '20 Caiguan Lane', 1, C.qbm, [120.1557, 30.24185], 6, 1986, 60, 2640, 'accepted', '2011-03-01', '2011-07-15'),
  b('清波街18号', '18 Qingbo Street', 2, C.qbm, [120.156, 30.2408], 5, 1982, 48, 2150, 'accepted', '2011-03-01', '2011-07-20'),
  b('四宜路9号', '9 Siyi Road', 3, C.qbm, [120.1564, 30.2393], 6, 1990, 66, 2880, 'accepted', '2011-04-10', '2011-08-26'),
  b('荷花池头16号', '16 Hehuachitou', 1, C.ldl, [120.1581, 30.24465], 7, 1995, 72, 3150, 'accepted', '2011-03-20', '2011-08-05'),
  b('劳动路98号', '98 Laodong Road', 2, C.ldl, [120.1581, 30.2432], 6, 1988, 58, 2520, 'accepted', '2011-04-01', '2011-08-18'),
  b('荷花池头22号', '22 Hehuachitou', 3, C.ldl, [120.1606, 30.2434], 5, 1984, 44, 1950, 'accepted', '2011-05-05', '2011-09-09', 10, 4),
  b('府学巷12号', '12 Fuxue Lane', 1, C.ldl, [120.1604, 30.2414], 4, 1979, 30, 1360, 'completed', '2011-06-01', '2011-10-28'),
  b('后市街88号', '88 Houshi Street', 1, C.dal, [120.1602, 30.247], 6, 1987, 64, 2760, 'accepted', '2011-04-15', '2011-09-02'),
  b('后市街102号', '102 Houshi Street', 2, C.dal, [120.1628, 30.2462], 6, 1989, 62, 2700, 'accepted', '2011-05-03', '2011-09-30', 10, -3),
  b('红门局6号', '6 Hongmenju', 1, C.dal, [120.1582, 30.2455], 5, 1983, 50, 2200, 'completed', '2011-06-20', '2011-11-18'),
  b('太平坊巷15号', '15 Taipingfang Lane', 1, C.qhf, [120.168, 30.2385], 5, 1981, 52, 2300, 'accepted', '2011-04-08', '2011-08-31'),
  b('高银街40号', '40 Gaoyin Street', 2, C.qhf, [120.1681, 30.2431], 4, 1978, 36, 1560, 'completed', '2011-07-01', '2011-11-30'),
  b('光复路36号', '36 Guangfu Road', 1, C.lcj, [120.1681, 30.2465], 6, 1992, 70, 3060, 'accepted', '2011-03-25', '2011-08-12'),
  b('柳翠井巷11号', '11 Liucuijing Lane', 2, C.lcj, [120.1659, 30.2452], 7, 1996, 78, 3410, 'accepted', '2011-04-20', '2011-09-16', 12),
  b('柳翠井巷19号', '19 Liucuijing Lane', 3, C.lcj, [120.1638, 30.2464], 6, 1991, 100, 3960, 'completed', '2011-06-10', '2011-12-20', 12, 5),
];

/** Footprint length (m) so that footprint × floors equals the floor area. */
function footprintLength(x: Building): number {
  return x.area / x.floors / x.width;
}

/** Courtyard-improvement building footprints; `area_m2` is the floor area from the plan. */
export function courtyardBuildings(): Feature<Polygon, Props>[] {
  return BUILDINGS.map((x) => {
    const geometry: Polygon = { type: 'Polygon', coordinates: [rectangle(x.centre, footprintLength(x), x.width, x.bearing)] };
    return feature(geometry, {
      name: `${x.address}${x.no}幢`, name_en: `Building ${x.no}, ${x.addressEn}`, address: x.address,
      floors: x.floors, year_built: x.year, households: x.households, area_m2: x.area,
      footprint_m2: Math.round(turf.area(geometry)), works: '屋面防水、外墙修缮、楼道粉刷、管线整理、庭院绿化',
      status: x.status, start_date: x.start, completed_date: x.completed, community: x.community, demo: true,
    });
  });
}

/**
 * Two solar stairwell lamps per courtyard building, a quarter of the way in from each
 * end of its long side (30 in all, as the report counts).
 */
export function stairwellLampSites(): Array<{ at: LonLat; building: string; buildingEn: string; community: string; date: string }> {
  return BUILDINGS.flatMap((x) => {
    const quarter = footprintLength(x) / 4 / 1000;
    return [270, 90].map((turn) => {
      const p = turf.destination(x.centre, quarter, turn - x.bearing);
      return {
        at: roundPos(p.geometry.coordinates), building: `${x.address}${x.no}幢`, buildingEn: `Building ${x.no}, ${x.addressEn}`,
        community: x.community, date: x.completed,
      };
    });
  });
}

interface ServiceRoom {
  name: string;
  nameEn: string;
  community: string;
  address: string;
  at: LonLat;
  area: number;
  use: 'management_office' | 'duty_room' | 'storage';
  staff: number;
  purchased: string;
}

/** Rooms bought for quasi-property management: 275 m² in all, every community covered. */
const SERVICE_ROOMS: ServiceRoom[] = [
  { name: '清波门社区物业服务用房', nameEn: 'Qingbomen property service room', community: C.qbm, address: '南山路62号', at: [120.156, 30.243], area: 55, use: 'management_office', staff: 3, purchased: '2011-05-16' },
  { name: '劳动路社区物业服务用房', nameEn: 'Laodong Road property service room', community: C.ldl, address: '延安南路18号', at: [120.1598, 30.243], area: 50, use: 'management_office', staff: 3, purchased: '2011-05-16' },
  { name: '定安路社区物业服务用房', nameEn: "Ding'an Road property service room", community: C.dal, address: '后市街140号', at: [120.1618, 30.2476], area: 45, use: 'management_office', staff: 2, purchased: '2011-06-08' },
  { name: '清河坊社区物业服务用房', nameEn: 'Qinghefang property service room', community: C.qhf, address: '太平坊巷9号', at: [120.1678, 30.2401], area: 40, use: 'management_office', staff: 2, purchased: '2011-06-08' },
  { name: '清河坊社区物业值班室', nameEn: 'Qinghefang property duty room', community: C.qhf, address: '粮道山5号', at: [120.1645, 30.2395], area: 30, use: 'duty_room', staff: 1, purchased: '2011-07-21' },
  { name: '柳翠井巷社区物业服务用房', nameEn: 'Liucuijingxiang property service room', community: C.lcj, address: '柳翠井巷26号', at: [120.1658, 30.2461], area: 55, use: 'management_office', staff: 3, purchased: '2011-07-21' },
];

/** Property-management reform rooms (addresses, dates and staff invented). */
export function propertyServiceRooms(): Feature<Point, Props>[] {
  return SERVICE_ROOMS.map((r) =>
    feature<Point>({ type: 'Point', coordinates: r.at }, {
      name: r.name, name_en: r.nameEn, area_m2: r.area, use: r.use, staff: r.staff,
      address: r.address, purchased_date: r.purchased, status: 'in_service', community: r.community, demo: true,
    }),
  );
}
