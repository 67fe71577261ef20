import type { Feature, LineString, Point, Polygon } from 'geojson';
import { changqiaoPark, lake, liulangWenying, wuHill, yongjinPark } from './frame.js';
import { feature, rectangle, type LonLat, type Props } from './geo.js';

type RoadClass = 'arterial' | 'secondary' | 'street' | 'alley' | 'pedestrian';

interface Road {
  name: string;
  nameEn: string;
  cls: RoadClass;
  line: LonLat[];
  alias?: string;
}

/** Nanshan Road's course (estimated, north to south), extended past the art museum. */
export const NANSHAN_ROAD: LonLat[] = [[120.1555, 30.248], [120.1546, 30.2403], [120.1525, 30.2335], [120.15188, 30.2315]];

/** Named streets and alleys, following their known courses (estimated). */
const ROADS: Road[] = [
  { name: '南山路', nameEn: 'Nanshan Road', cls: 'arterial', line: NANSHAN_ROAD },
  { name: '西湖大道', nameEn: 'Xihu Avenue', cls: 'arterial', line: [[120.1555, 30.248], [120.1632, 30.248], [120.169, 30.248], [120.1735, 30.2479]] },
  {
    name: '中河高架', nameEn: 'Zhonghe Elevated Road', cls: 'arterial',
    line: [[120.169, 30.2505], [120.169, 30.248], [120.1691, 30.245], [120.16913, 30.244], [120.1692, 30.242], [120.1691, 30.238], [120.169, 30.235], [120.1689, 30.2335]],
  },
  { name: '延安南路', nameEn: "Yan'an South Road", cls: 'secondary', line: [[120.15905, 30.2417], [120.159, 30.2424], [120.1592, 30.2452], [120.1594, 30.248], [120.1595, 30.2495]] },
  { name: '劳动路', nameEn: 'Laodong Road', cls: 'street', line: [[120.1572, 30.2424], [120.1571, 30.2452], [120.157, 30.248]] },
  { name: '华光路', nameEn: 'Huaguang Road', cls: 'street', line: [[120.1622, 30.2424], [120.1623, 30.2452], [120.1624, 30.248]] },
  {
    name: '中山中路', nameEn: 'Zhongshan Middle Road', cls: 'pedestrian', alias: '南宋御街',
    line: [[120.16673, 30.24035], [120.1659, 30.2412], [120.1651, 30.2421], [120.1648, 30.243], [120.1647, 30.2455], [120.1646, 30.248], [120.1645, 30.2495]],
  },
  { name: '中山南路', nameEn: 'Zhongshan South Road', cls: 'secondary', line: [[120.16673, 30.24035], [120.167, 30.2385], [120.1674, 30.2357], [120.1677, 30.234]] },
  { name: '河坊街', nameEn: 'Hefang Street', cls: 'secondary', line: [[120.1548, 30.2424], [120.1572, 30.2424], [120.159, 30.2424]] },
  { name: '河坊街', nameEn: 'Hefang Street (pedestrian section)', cls: 'pedestrian', line: [[120.159, 30.2424], [120.1622, 30.2424], [120.1643, 30.2423], [120.1651, 30.2421]] },
  { name: '河坊街', nameEn: 'Hefang Street', cls: 'street', line: [[120.1651, 30.2421], [120.167, 30.2421], [120.1692, 30.242], [120.1712, 30.2419]] },
  { name: '清波街', nameEn: 'Qingbo Street', cls: 'street', line: [[120.1546, 30.2403], [120.1565, 30.2404], [120.158, 30.2405], [120.1589, 30.2409]] },
  { name: '蔡官巷', nameEn: 'Caiguan Lane', cls: 'alley', line: [[120.1547, 30.2413], [120.1565, 30.2413], [120.158, 30.2414]] },
  { name: '四宜路', nameEn: 'Siyi Road', cls: 'street', line: [[120.158, 30.2424], [120.158, 30.2405], [120.1578, 30.2388]] },
  { name: '荷花池头', nameEn: 'Hehuachitou', cls: 'alley', line: [[120.1571, 30.244], [120.1591, 30.2441]] },
  { name: '府学巷', nameEn: 'Fuxue Lane', cls: 'alley', line: [[120.1595, 30.2419], [120.1628, 30.2418]] },
  { name: '大井巷', nameEn: 'Dajing Lane', cls: 'alley', line: [[120.1628, 30.2418], [120.164, 30.2419], [120.165, 30.2416], [120.1657, 30.2413]] },
  { name: '粮道山', nameEn: 'Liangdaoshan', cls: 'street', line: [[120.1592, 30.2411], [120.1608, 30.2409], [120.162, 30.2409], [120.1632, 30.2404], [120.1642, 30.2398]] },
  { name: '高银街', nameEn: 'Gaoyin Street', cls: 'street', line: [[120.1623, 30.2436], [120.1648, 30.2436]] },
  { name: '后市街', nameEn: 'Houshi Street', cls: 'street', line: [[120.1613, 30.248], [120.1613, 30.2452], [120.1613, 30.2436]] },
  { name: '定安路', nameEn: "Ding'an Road", cls: 'street', line: [[120.1606, 30.248], [120.1607, 30.2515]] },
  { name: '太平坊巷', nameEn: 'Taipingfang Lane', cls: 'alley', line: [[120.1671, 30.2396], [120.1691, 30.2395]] },
  { name: '光复路', nameEn: 'Guangfu Road', cls: 'street', line: [[120.1672, 30.248], [120.1671, 30.244], [120.167, 30.2421]] },
  { name: '柳翠井巷', nameEn: 'Liucuijing Lane', cls: 'alley', line: [[120.1647, 30.2458], [120.1672, 30.2458]] },
];

/** Road features (basemap). */
export function roads(): Feature<LineString, Props>[] {
  return ROADS.map((r) =>
    feature<LineString>({ type: 'LineString', coordinates: r.line }, {
      name: r.name, name_en: r.nameEn, class: r.cls, ...(r.alias ? { alias: r.alias } : {}),
    }),
  );
}

type LandmarkCategory = 'square' | 'street' | 'historic_district' | 'heritage' | 'museum' | 'scenic_area' | 'park' | 'city_gate' | 'culture' | 'area';

interface Landmark {
  name: string;
  nameEn: string;
  category: LandmarkCategory;
  at: LonLat;
  address?: string;
  outside?: boolean;
}

/** Public landmark positions (Amap points converted from GCJ-02 to WGS84, ≈ 10 m error). */
export const LANDMARKS: Landmark[] = [
  { name: '吴山广场', nameEn: 'Wushan Square', category: 'square', at: [120.15901, 30.24152] },
  { name: '河坊街', nameEn: 'Hefang Street', category: 'street', at: [120.16426, 30.24242] },
  { name: '清河坊历史文化特色街区', nameEn: 'Qinghefang Historic and Cultural Quarter', category: 'historic_district', at: [120.16524, 30.24218], address: '河坊街180号' },
  { name: '南宋御街', nameEn: 'Southern Song Imperial Street', category: 'street', at: [120.16486, 30.2426] },
  { name: '胡庆余堂', nameEn: 'Huqingyu Tang Pharmacy', category: 'heritage', at: [120.16432, 30.24207], address: '大井巷95号' },
  { name: '杭州博物馆', nameEn: 'Hangzhou Museum', category: 'museum', at: [120.16185, 30.24144], address: '粮道山18号' },
  { name: '鼓楼', nameEn: 'Drum Tower', category: 'heritage', at: [120.16673, 30.24035], address: '中山南路501号' },
  { name: '吴山景区', nameEn: 'Wu Hill Scenic Area', category: 'scenic_area', at: [120.16046, 30.23646], outside: true },
  { name: '柳浪闻莺', nameEn: 'Orioles Singing in the Willows (Liulang Wenying)', category: 'park', at: [120.15162, 30.24271], address: '南山路87号' },
  { name: '清波门', nameEn: 'Qingbo Gate', category: 'city_gate', at: [120.15461, 30.24028] },
  { name: '涌金门', nameEn: 'Yongjin Gate', category: 'city_gate', at: [120.156, 30.248] },
  { name: '长桥公园', nameEn: 'Changqiao Park', category: 'park', at: [120.15035, 30.23531], outside: true },
  { name: '浙江美术馆', nameEn: 'Zhejiang Art Museum', category: 'museum', at: [120.1522, 30.23338], address: '南山路', outside: true },
  { name: '杭州孔庙', nameEn: 'Hangzhou Confucius Temple', category: 'culture', at: [120.162, 30.242], address: '府学巷8号' },
  { name: '雷峰塔', nameEn: 'Leifeng Pagoda', category: 'heritage', at: [120.14413, 30.23325], outside: true },
  { name: '湖滨', nameEn: 'Hubin', category: 'area', at: [120.15412, 30.25891], outside: true },
];

/** Landmark features (basemap). */
export function landmarks(): Feature<Point, Props>[] {
  return LANDMARKS.map((l) =>
    feature<Point>({ type: 'Point', coordinates: l.at }, {
      name: l.name, name_en: l.nameEn, category: l.category,
      ...(l.address ? { address: l.address } : {}),
      outside_district: l.outside === true,
    }),
  );
}

/** West Lake (basemap). */
export function water(): Feature<Polygon, Props>[] {
  return [feature(lake, { name: '西湖', name_en: 'West Lake', kind: 'lake' })];
}

/** Wu Hill (basemap). */
export function hills(): Feature<Polygon, Props>[] {
  return [feature(wuHill, { name: '吴山', name_en: 'Wu Hill', kind: 'hill' })];
}

/** Lakeside parks and small greens (basemap). */
export function greens(): Feature<Polygon, Props>[] {
  const square: Polygon = { type: 'Polygon', coordinates: [rectangle([120.15901, 30.24152], 70, 55)] };
  return [
    feature(liulangWenying, { name: '柳浪闻莺', name_en: 'Liulang Wenying Park', kind: 'park' }),
    feature(changqiaoPark, { name: '长桥公园', name_en: 'Changqiao Park', kind: 'park' }),
    feature(yongjinPark, { name: '涌金公园', name_en: 'Yongjin Park', kind: 'park' }),
    feature(square, { name: '吴山广场', name_en: 'Wushan Square', kind: 'plaza' }),
  ];
}
