import { bool, COMMUNITY, DEMO, enumOf, int, num, schema, str, type LayerSchema, text } from './schema.js';

/** One entry of data/layers.json (see data/README.md). */
export interface LayerEntry {
  id: string;
  title: { zh: string; en: string };
  description: { zh: string; en: string };
  group: 'basemap' | 'administrative' | 'renovation' | 'ecology' | 'economy' | 'services';
  geometryType: 'Point' | 'LineString' | 'Polygon';
  file: string;
  withinDistrict: boolean;
  /** Date properties; with `status`, the status as of a date (see server/src/shared/layers.ts `temporalHint`). */
  temporal?: { start: string; end?: string; status?: { property: string; before: string; during: string } };
  labelProperty: string;
  /** Colour, and optionally colours by a property's value (`colorBy`). */
  style: { color: string; colorBy?: { property: string; values: Record<string, string> } };
  attribution: string;
  schema: LayerSchema;
}

/** Source note shared by all attributions. */
const SRC = '据清波街道2011年工作报告与公开地标位置手绘 / hand-drawn from the Qingbo Street 2011 work report and public landmark positions';
/** Builds a demo-data attribution string. */
export const attribution = (extra: string): string => `演示数据 Demo data: ${SRC}; ${extra}`;

type Def = Omit<LayerEntry, 'file' | 'withinDistrict'> & { withinDistrict?: boolean };

/** Completes a layer definition: file path, and `withinDistrict` for every non-basemap layer. */
export const layer = (d: Def): LayerEntry => {
  const { id, title, description, group, geometryType, temporal, labelProperty, style, attribution: a, schema: s } = d;
  return {
    id, title, description, group, geometryType, file: `layers/${id}.geojson`,
    withinDistrict: d.withinDistrict ?? group !== 'basemap',
    ...(temporal ? { temporal } : {}), labelProperty, style, attribution: a, schema: s,
  };
};

const WATER = layer({
  id: 'water', title: { zh: '水域', en: 'Water' }, group: 'basemap', geometryType: 'Polygon', labelProperty: 'name',
  description: { zh: '西湖东部水面，湖岸沿南山路西侧。', en: "West Lake's eastern part; the shore runs along the west side of Nanshan Road." },
  style: { color: '#56B4E9' }, attribution: attribution('湖岸线为估绘 shoreline estimated'),
  schema: schema({ kind: enumOf('类型', 'Kind', { lake: ['湖泊', 'Lake'] }) }, ['kind']),
});

const HILLS = layer({
  id: 'hills', title: { zh: '山体', en: 'Hills' }, group: 'basemap', geometryType: 'Polygon', labelProperty: 'name',
  description: { zh: '街道南侧的吴山。', en: 'Wu Hill, south of the subdistrict.' },
  style: { color: '#A6761D' }, attribution: attribution('山体范围为估绘 outline estimated'),
  schema: schema({ kind: enumOf('类型', 'Kind', { hill: ['山体', 'Hill'] }) }, ['kind']),
});

const GREENS = layer({
  id: 'greens', title: { zh: '公园绿地', en: 'Parks and greens' }, group: 'basemap', geometryType: 'Polygon', labelProperty: 'name',
  description: { zh: '柳浪闻莺、长桥公园等湖滨公园与小型绿地广场。', en: 'Lakeside parks (Liulang Wenying, Changqiao Park) and small greens and squares.' },
  style: { color: '#66A61E' }, attribution: attribution('范围为估绘 outlines estimated'),
  schema: schema({ kind: enumOf('类型', 'Kind', { park: ['公园', 'Park'], plaza: ['广场', 'Square'], green: ['绿地', 'Green'] }) }, ['kind']),
});

const ROADS = layer({
  id: 'roads', title: { zh: '道路街巷', en: 'Streets and alleys' }, group: 'basemap', geometryType: 'LineString', labelProperty: 'name',
  description: { zh: '街道内及周边的主要道路与街巷。', en: 'Main roads, streets and alleys in and around the subdistrict.' },
  style: { color: '#888888' }, attribution: attribution('走向为估绘 courses estimated'),
  schema: schema({
    class: enumOf('等级', 'Class', {
      arterial: ['主干路', 'Arterial'], secondary: ['次干路', 'Secondary'], street: ['支路', 'Street'],
      alley: ['小巷', 'Alley'], pedestrian: ['步行街', 'Pedestrian'],
    }),
    alias: str('别名', 'Also known as'),
  }, ['class']),
});

const LANDMARKS = layer({
  id: 'landmarks', title: { zh: '地标', en: 'Landmarks' }, group: 'basemap', geometryType: 'Point', labelProperty: 'name',
  description: { zh: '街道内外的名胜、街区与参照点。', en: 'Sights, quarters and reference points in and around the subdistrict.' },
  style: { color: '#444444' }, attribution: attribution('坐标由高德GCJ-02转换，误差约10米 converted from Amap GCJ-02, ≈ 10 m error'),
  schema: schema({
    category: enumOf('类别', 'Category', {
      square: ['广场', 'Square'], street: ['街道', 'Street'], historic_district: ['历史街区', 'Historic quarter'],
      heritage: ['文物古迹', 'Heritage site'], museum: ['博物馆', 'Museum'], scenic_area: ['景区', 'Scenic area'],
      park: ['公园', 'Park'], city_gate: ['城门', 'City gate'], culture: ['文化场所', 'Cultural site'], area: ['片区', 'Area'],
    }),
    address: str('地址', 'Address'),
    outside_district: bool('辖区外参照', 'Outside the district (reference)'),
  }, ['category', 'outside_district']),
});

const BOUNDARY = layer({
  id: 'district-boundary', title: { zh: '街道边界', en: 'Subdistrict boundary' }, group: 'administrative', geometryType: 'Polygon', labelProperty: 'name',
  description: { zh: '清波街道辖区：东至中河高架，南靠吴山，西临西湖，北至西湖大道。', en: 'Qingbo Street: east to the Zhonghe elevated road, south against Wu Hill, west to West Lake, north to Xihu Avenue.' },
  style: { color: '#000000' }, attribution: attribution('边界为估绘，面积约2.3平方公里 boundary estimated, ≈ 2.3 km²'),
  schema: schema({
    code: str('区划代码', 'Division code', { pattern: '^[0-9]{9}$' }),
    district: str('所属区', 'District'), district_en: str('所属区（英文）', 'District (English)'),
    area_m2: num('面积', 'Area', 'm²'),
    population_registered: int('户籍人口', 'Registered residents', '人'),
    population_temporary: int('暂住人口', 'Temporary residents', '人'),
    description: text('说明', 'Description'), description_en: text('说明（英文）', 'Description (English)'),
  }, ['code', 'area_m2']),
});

const COMMUNITIES = layer({
  id: 'communities', title: { zh: '社区', en: 'Communities' }, group: 'administrative', geometryType: 'Polygon', labelProperty: 'name',
  description: { zh: '清波街道下辖5个社区，边界拼合为街道辖区。', en: 'The five communities of Qingbo Street, tiling the subdistrict.' },
  style: { color: '#666666' }, attribution: attribution('社区边界无公开来源，为估绘；人口为估算 no public boundaries: drawn; populations estimated'),
  schema: schema({
    code: str('区划代码', 'Division code', { pattern: '^330102001[0-9]{3}$' }),
    office_address: str('社区办公地址', 'Office address'), office_address_en: str('办公地址（英文）', 'Office address (English)'),
    population_registered: int('户籍人口', 'Registered residents', '人'),
    population_temporary: int('暂住人口', 'Temporary residents', '人'),
    households: int('户数', 'Households', '户'), area_m2: num('面积', 'Area', 'm²'),
    description: text('说明', 'Description'), description_en: text('说明（英文）', 'Description (English)'), ...DEMO,
  }, ['code', 'office_address', 'population_registered', 'population_temporary', 'households', 'area_m2']),
});

const GRID = layer({
  id: 'grid-cells', title: { zh: '万米单元网格', en: 'Unit grid cells' }, group: 'administrative', geometryType: 'Polygon', labelProperty: 'code',
  description: {
    zh: '约1万平方米的单元网格，无缝覆盖各社区；编码=社区代码12位+顺序号3位（自西向东、自北向南）。',
    en: 'Unit grids of about 10,000 m² tiling each community; code = 12-digit community code + 3-digit sequence (west→east, north→south).',
  },
  style: { color: '#999999' }, attribution: attribution('网格按约100米格网裁切生成，网格员姓名虚构 cut from a ≈ 100 m lattice; grid-worker names invented'),
  schema: schema({
    code: str('网格编码', 'Grid code', { pattern: '^330102001[0-9]{6}$' }),
    community_code: str('社区代码', 'Community code', { pattern: '^330102001[0-9]{3}$' }),
    ...COMMUNITY, area_m2: num('面积', 'Area', 'm²'), grid_worker: str('网格员', 'Grid worker'), ...DEMO,
  }, ['code', 'community_code', 'community', 'area_m2', 'grid_worker']),
});

/** Basemap and administrative layers. */
export const BASE_LAYERS = { WATER, HILLS, GREENS, ROADS, LANDMARKS, BOUNDARY, COMMUNITIES, GRID };
