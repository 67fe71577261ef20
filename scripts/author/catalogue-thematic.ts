import { attribution, layer } from './catalogue.js';
import { COMMUNITY, date, DEMO, enumOf, FACILITY_STATUS, int, num, schema, str, WORKS_STATUS, text } from './schema.js';

/** Renovation works: their status as of a date (planned before the start, under construction until completion). */
const WORKS_TEMPORAL = {
  start: 'start_date', end: 'completed_date',
  status: { property: 'status', before: 'planned', during: 'under_construction' },
};

/** Colours of works by status: finished works keep the layer's colour. */
const worksColors = (color: string) => ({
  color, colorBy: { property: 'status', values: { planned: '#8E9AAF', under_construction: '#7B3294', completed: color, accepted: color } },
});

const ALLEYS = layer({
  id: 'alley-renovations', title: { zh: '背街小巷改善', en: 'Alley renovations' }, group: 'renovation', geometryType: 'LineString', labelProperty: 'name',
  description: {
    zh: '配合“51131”南宋皇城街巷综保工程，2011年完成清波段羊坝头、旧番署、红门局三条小巷改善。',
    en: 'Under the "51131" Southern Song imperial-city streets project, Yangbatou, Jiufanshu and Hongmenju alleys were renovated in 2011.',
  },
  temporal: WORKS_TEMPORAL,
  style: worksColors('#D55E00'), attribution: attribution('走向为估绘，预算、施工单位、日期虚构 courses estimated; budgets, contractors and dates invented'),
  schema: schema({
    project: str('所属工程', 'Project'), status: WORKS_STATUS, progress_pct: num('进度', 'Progress', '%', { maximum: 100 }),
    start_date: date('开工日期', 'Start date'), completed_date: date('完工日期', 'Completion date'),
    length_m: num('长度', 'Length', 'm'), budget_wan: num('投资', 'Budget', '万元'), contractor: str('施工单位', 'Contractor'),
    before_desc: text('改造前', 'Before'), after_desc: text('改造后', 'After'), ...COMMUNITY, ...DEMO,
  }, ['project', 'status', 'progress_pct', 'start_date', 'length_m', 'community']),
});

const COURTYARDS = layer({
  id: 'courtyard-buildings', title: { zh: '庭院改善楼幢', en: 'Courtyard-improvement buildings' }, group: 'renovation', geometryType: 'Polygon', labelProperty: 'name',
  description: {
    zh: '2011年完成庭院改善工程15幢、3.86万平方米，受益居民890户。',
    en: 'Courtyard improvement in 2011: 15 buildings, 38,600 m² of floor area, 890 households.',
  },
  temporal: WORKS_TEMPORAL,
  style: worksColors('#E69F00'), attribution: attribution('合计数据来自报告；楼幢、地址、分项数字为虚构 totals from the report; buildings, addresses and per-building figures invented'),
  schema: schema({
    address: str('地址', 'Address'), floors: int('层数', 'Floors', '层', { minimum: 1 }), year_built: int('建成年份', 'Year built'),
    households: int('户数', 'Households', '户'), area_m2: num('建筑面积', 'Floor area', 'm²'), footprint_m2: num('占地面积', 'Footprint', 'm²'),
    works: str('改善内容', 'Works'), status: WORKS_STATUS, start_date: date('开工日期', 'Start date'), completed_date: date('完工日期', 'Completion date'),
    ...COMMUNITY, ...DEMO,
  }, ['address', 'floors', 'households', 'area_m2', 'status', 'community']),
});

const SERVICE_ROOMS = layer({
  id: 'property-service-rooms', title: { zh: '物业配套用房', en: 'Property service rooms' }, group: 'renovation', geometryType: 'Point', labelProperty: 'name',
  description: {
    zh: '物改工程购买275平方米配套用房，五个社区准物业管理人员、用房落实到位。',
    en: 'Property-management reform: 275 m² of service rooms bought; quasi-property management staffed in all five communities.',
  },
  temporal: { start: 'purchased_date' },
  style: { color: '#CC79A7' }, attribution: attribution('总面积来自报告；位置、分项面积与人员虚构 total from the report; sites, split and staff invented'),
  schema: schema({
    area_m2: num('面积', 'Area', 'm²'),
    use: enumOf('用途', 'Use', { management_office: ['物业管理用房', 'Management office'], duty_room: ['值班室', 'Duty room'], storage: ['工具间', 'Storage'] }),
    staff: int('准物业人员', 'Quasi-property staff', '人'), address: str('地址', 'Address'),
    purchased_date: date('购置日期', 'Purchase date'), status: FACILITY_STATUS, ...COMMUNITY, ...DEMO,
  }, ['area_m2', 'use', 'status', 'community']),
});

const GARBAGE = layer({
  id: 'garbage-rooms', title: { zh: '生态垃圾房', en: 'Ecological garbage rooms' }, group: 'ecology', geometryType: 'Point', labelProperty: 'name',
  description: {
    zh: '2011年建设生态垃圾房6座；垃圾分类参与家庭9658户，首创“绿袖标”分类指导和“红黑榜”评比。',
    en: 'Six ecological garbage rooms built in 2011; 9,658 households sort waste, guided by "green armbands" and a red/black list.',
  },
  temporal: { start: 'opened_date' },
  style: { color: '#009E73' }, attribution: attribution('数量来自报告；位置与规模虚构 count from the report; sites and capacities invented'),
  schema: schema({
    capacity_t_per_day: num('日处理能力', 'Capacity', 't/d'), bins: int('分类桶', 'Bins', '个'),
    households_served: int('服务户数', 'Households served', '户'),
    sorting_type: enumOf('分类方式', 'Sorting', {
      four_kinds: ['四分类', 'Four kinds'], four_kinds_composting: ['四分类+厨余就地堆肥', 'Four kinds + on-site composting'],
    }),
    address: str('地址', 'Address'), opened_date: date('启用日期', 'Opened'), status: FACILITY_STATUS, ...COMMUNITY, ...DEMO,
  }, ['capacity_t_per_day', 'households_served', 'sorting_type', 'status', 'community']),
});

const SOLAR = layer({
  id: 'solar-installations', title: { zh: '太阳能设施', en: 'Solar installations' }, group: 'ecology', geometryType: 'Point', labelProperty: 'name',
  description: {
    zh: '太阳能阳光屋顶和庭院灯改造各1处、太阳能宣传橱窗1处、太阳能楼道灯30处。',
    en: 'One solar rooftop, one courtyard-lamp renovation, one solar promotion window and 30 solar stairwell lamps.',
  },
  temporal: { start: 'install_date' },
  style: { color: '#F0E442' }, attribution: attribution('数量来自报告；位置、功率与日期虚构 counts from the report; sites, power and dates invented'),
  schema: schema({
    kind: enumOf('类型', 'Kind', {
      rooftop: ['阳光屋顶', 'Solar rooftop'], courtyard_lamps: ['庭院灯改造', 'Courtyard lamps'],
      promotion_window: ['宣传橱窗', 'Promotion window'], stairwell_lamp: ['楼道灯', 'Stairwell lamp'],
    }),
    power_w: num('功率', 'Power', 'W'), units: int('数量', 'Units', '套', { minimum: 1 }), site: str('位置', 'Site'),
    status: FACILITY_STATUS, install_date: date('安装日期', 'Installed'), ...COMMUNITY, ...DEMO,
  }, ['kind', 'power_w', 'status', 'install_date', 'community']),
});

const CORRIDOR = layer({
  id: 'car-corridor', title: { zh: '名车长廊', en: 'Famous car corridor' }, group: 'economy', geometryType: 'LineString', labelProperty: 'name',
  description: { zh: '南山路沿线约1公里的豪华汽车品牌集聚带。', en: 'About 1 km of Nanshan Road lined with luxury car dealers.' },
  style: { color: '#0072B2' }, attribution: attribution('沿南山路估绘 drawn along Nanshan Road'),
  schema: schema({
    road: str('所在道路', 'Road'), length_m: num('长度', 'Length', 'm'), dealers: int('经销商数', 'Dealers', '家'),
    description: text('说明', 'Description'), description_en: text('说明（英文）', 'Description (English)'),
  }, ['road', 'length_m']),
});

const DEALERS = layer({
  id: 'car-dealers', title: { zh: '名车经销商', en: 'Car dealers' }, group: 'economy', geometryType: 'Point', labelProperty: 'brand',
  description: {
    zh: '宝马、奥迪（2011年开业）、GMC高端商务房车及法拉利、玛莎拉蒂、劳斯莱斯、宾利、保时捷、阿斯顿·马丁等。',
    en: 'BMW and Audi (opened 2011), GMC premium business vans, and Ferrari, Maserati, Rolls-Royce, Bentley, Porsche, Aston Martin and others.',
  },
  style: { color: '#E7298A' }, attribution: attribution('品牌来自报告及2010年报道；门牌号、开业年份（2011年以前）与多品牌展厅虚构 brands from the report and a 2010 newspaper; street numbers, pre-2011 years and the multi-brand showroom invented'),
  schema: schema({
    brand: str('品牌', 'Brand'), brand_en: str('品牌（英文）', 'Brand (English)'),
    category: enumOf('类别', 'Category', {
      luxury: ['豪华', 'Luxury'], premium: ['高端', 'Premium'], business_van: ['商务房车', 'Business van'], multi_brand: ['多品牌', 'Multi-brand'],
    }),
    opening_year: int('开业年份', 'Opening year'), address: str('地址', 'Address'), ...COMMUNITY, ...DEMO,
  }, ['brand', 'brand_en', 'category', 'address']),
});

const SERVICES = layer({
  id: 'service-facilities', title: { zh: '服务设施', en: 'Service facilities' }, group: 'services', geometryType: 'Point', labelProperty: 'name',
  description: {
    zh: '老年食堂配送中心、3家“清波创驿”农产品直销店（吸纳大学生25名）、杭州孔庙·西湖国学馆及5个社区办公点。',
    en: 'The elderly-canteen delivery centre, three "Qingbo Chuangyi" farm-produce shops (25 graduates employed), the Confucius Temple / West Lake Academy and the five community offices.',
  },
  style: { color: '#7570B3' }, attribution: attribution('社区地址为官方公布；其余位置与分项人数虚构 community addresses official; other sites and per-shop staff invented'),
  schema: schema({
    kind: enumOf('类型', 'Kind', {
      elderly_canteen_centre: ['老年食堂配送中心', 'Elderly-canteen centre'], farm_produce_shop: ['农产品直销店', 'Farm-produce shop'],
      culture: ['文化设施', 'Cultural facility'], community_office: ['社区办公点', 'Community office'],
    }),
    address: str('地址', 'Address'), graduates_employed: int('吸纳大学生', 'Graduates employed', '人'),
    description: str('说明', 'Description'), ...COMMUNITY, ...DEMO,
  }, ['kind', 'address', 'community']),
});

/** Thematic layers. */
export const THEMATIC_LAYERS = { ALLEYS, COURTYARDS, SERVICE_ROOMS, GARBAGE, SOLAR, CORRIDOR, DEALERS, SERVICES };
