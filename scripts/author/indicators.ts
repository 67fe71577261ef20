/** One figure of the 2011 report (data/indicators.json). */
export interface Indicator {
  year: number;
  key: string;
  title: { zh: string; en: string };
  value: number;
  plan: number | null;
  growth_pct: number | null;
  /** The completion percentage the report states, when it states one. */
  attainment_pct: number | null;
  unit: string;
  group: 'economy' | 'ecology' | 'renovation' | 'city_management' | 'services' | 'safety' | 'party';
}

/** Rounds a derived plan figure to the nearest step (e.g. 0.1 亿元). */
function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

/** Annual plan implied by "x % of plan", rounded to a sensible step. */
function planFrom(value: number, pctOfPlan: number, step: number): number {
  return Number(roundTo(value / (pctOfPlan / 100), step).toFixed(6));
}

type Row = [key: string, zh: string, en: string, value: number, unit: string, extra?: { plan?: number; attainment?: number; growth?: number }];

const GROUPS: Array<[Indicator['group'], Row[]]> = [
  ['economy', [
    ['domestic_capital', '引进内资', 'Domestic capital attracted', 53.8, '亿元', { attainment: 336.36, plan: planFrom(53.8, 336.36, 0.1) }],
    ['domestic_capital_outside_city', '其中市外资金', 'of which from outside the city', 33.4, '亿元', { attainment: 266.96, plan: planFrom(33.4, 266.96, 0.1) }],
    ['foreign_capital', '实际到位外资', 'Foreign capital received', 895, '万美元', { attainment: 111.87, plan: planFrom(895, 111.87, 10) }],
    ['total_tax', '税收总收入', 'Total tax revenue', 8.7, '亿元', { growth: 33.3 }],
    ['local_fiscal_revenue', '地方财政收入', 'Local fiscal revenue', 4.6, '亿元', { growth: 27.47 }],
    ['enterprises_introduced', '引进企业', 'Enterprises introduced', 172, '家'],
    ['high_end_enterprises', '其中高端产业企业', 'of which high-end (funds, finance, insurance)', 21, '家'],
    ['listed_commercial_buildings', '入选杭州市2010年度商务楼宇', "Buildings in Hangzhou's 2010 commercial-buildings list", 3, '幢'],
    ['enterprise_statistical_reports', '企事业单位统计报表', 'Enterprise statistical reports filed', 2234, '家'],
  ]],
  ['ecology', [
    ['ecological_garbage_rooms', '生态垃圾房', 'Ecological garbage rooms', 6, '座'],
    ['solar_rooftops', '太阳能阳光屋顶', 'Solar rooftops', 1, '处'],
    ['courtyard_lamp_renovations', '庭院灯改造', 'Courtyard-lamp renovations', 1, '处'],
    ['solar_promotion_windows', '太阳能宣传橱窗', 'Solar promotion windows', 1, '处'],
    ['solar_stairwell_lamps', '太阳能楼道灯', 'Solar stairwell lamps', 30, '处'],
    ['provincial_ecological_communities', '省级生态社区', 'Provincial ecological communities', 2, '个'],
    ['garbage_sorting_households', '垃圾分类参与家庭', 'Households sorting garbage', 9658, '户'],
  ]],
  ['renovation', [
    ['alleys_renovated', '小巷改善', 'Alleys renovated', 3, '条'],
    ['courtyard_buildings', '庭院改善楼幢', 'Courtyard-improvement buildings', 15, '幢'],
    ['courtyard_floor_area', '庭院改善面积', 'Courtyard-improvement floor area', 38600, 'm²'],
    ['courtyard_households', '庭院改善受益居民', 'Households benefiting from courtyard improvement', 890, '户'],
    ['property_service_room_area', '物改配套用房', 'Property-reform service rooms bought', 275, 'm²'],
    ['quasi_property_communities', '落实准物业管理社区', 'Communities with quasi-property management', 5, '个'],
  ]],
  ['city_management', [
    ['digital_cases_registered', '数字城管立案数', 'Digital city-management cases registered', 2734, '条'],
    ['digital_cases_resolution_rate', '数字城管解决率', 'Digital city-management resolution rate', 100, '%'],
    ['health_trainings', '健康教育培训', 'Health-education trainings', 12, '次'],
    ['health_training_attendees', '健康教育培训参加人员', 'Health-training attendees', 2800, '人'],
  ]],
  ['services', [
    ['community_service_businesses', '登记在册社区服务业', 'Registered community service businesses', 85, '家'],
    ['farm_produce_shops', '“清波创驿”农产品直销店', '"Qingbo Chuangyi" farm-produce shops', 3, '家'],
    ['graduates_employed', '直销店吸纳大学生就业', 'Graduates employed by the shops', 25, '人'],
    ['produce_in_community_events', '“农产品进社区”活动', '"Produce in the community" events', 10, '次'],
  ]],
  ['party', [
    ['party_committees', '党委', 'Party committees', 7, '个'],
    ['party_branches', '党支部', 'Party branches', 112, '个'],
    ['members_pledged', '社区党员公开承诺', 'Community party members who pledged', 1122, '人'],
    ['pledge_rate', '承诺率', 'Pledge rate', 85, '%'],
    ['model_posts', '党员示范岗', 'Party-member model posts', 33, '个'],
    ['grid_visit_problems_solved', '网格走访解决居民实际问题', 'Resident problems solved through grid visits', 369, '件'],
    ['grid_service_leaflets', '网格化服务资料发放', 'Grid-service leaflets handed out', 12500, '份'],
  ]],
];

/** The figures of Qingbo Street's 2011 work report; nothing invented. */
export function indicators(): Indicator[] {
  return GROUPS.flatMap(([group, rows]) =>
    rows.map(([key, zh, en, value, unit, extra]) => ({
      year: 2011, key, title: { zh, en }, value, plan: extra?.plan ?? null, growth_pct: extra?.growth ?? null,
      attainment_pct: extra?.attainment ?? null, unit, group,
    })),
  );
}
