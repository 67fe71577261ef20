import type { LonLat } from './geo.js';

/** One of the five communities (社区) of Qingbo Street. */
export interface Community {
  /** Last three digits of the 12-digit division code. */
  suffix: string;
  code: string;
  name: string;
  nameEn: string;
  officeAddress: string;
  officeAddressEn: string;
  /** Office position, placed on the street of its address (estimated). */
  office: LonLat;
  populationRegistered: number;
  populationTemporary: number;
  households: number;
  description: string;
  descriptionEn: string;
}

/** Division code of the subdistrict (district 330102 + street 001). */
export const STREET_CODE = '330102001';

const base = (suffix: string) => `${STREET_CODE}${suffix}`;

/**
 * The five communities. Codes and office addresses are official; populations are
 * estimates that add up to the report's ≈ 31,000 registered and ≈ 11,000 temporary
 * residents.
 */
export const COMMUNITIES: Community[] = [
  {
    suffix: '051', code: base('051'), name: '清波门社区', nameEn: 'Qingbomen Community',
    officeAddress: '蔡官巷35号', officeAddressEn: '35 Caiguan Lane', office: [120.1571, 30.24135],
    populationRegistered: 6900, populationTemporary: 1800, households: 2560,
    description: '西临西湖，含南山路沿线、柳浪闻莺和清波门一带；杭州市垃圾分类先进社区。',
    descriptionEn:
      'Along West Lake: Nanshan Road, Liulang Wenying park and the old Qingbo Gate; a Hangzhou garbage-sorting model community.',
  },
  {
    suffix: '052', code: base('052'), name: '劳动路社区', nameEn: 'Laodong Road Community',
    officeAddress: '荷花池头30号', officeAddressEn: '30 Hehuachitou', office: [120.1582, 30.24405],
    populationRegistered: 6800, populationTemporary: 2200, households: 2520,
    description: '街道中部，含劳动路、吴山广场、杭州孔庙和杭州博物馆；省级生态社区，开设“环保交心社”。',
    descriptionEn:
      'The middle of the subdistrict: Laodong Road, Wushan Square, the Confucius Temple and Hangzhou Museum; a provincial ecological community.',
  },
  {
    suffix: '053', code: base('053'), name: '定安路社区', nameEn: "Ding'an Road Community",
    officeAddress: '后市街125号', officeAddressEn: '125 Houshi Street', office: [120.1613, 30.24685],
    populationRegistered: 5600, populationTemporary: 1900, households: 2080,
    description: '街道北部，西湖大道以南、延安南路两侧，含红门局、旧番署两条改善小巷；省级生态社区。',
    descriptionEn:
      'The north, south of Xihu Avenue on both sides of Yan\'an South Road, with the renovated Hongmenju and Jiufanshu alleys; a provincial ecological community.',
  },
  {
    suffix: '055', code: base('055'), name: '清河坊社区', nameEn: 'Qinghefang Community',
    officeAddress: '太平坊巷3号', officeAddressEn: '3 Taipingfang Lane', office: [120.16745, 30.23958],
    populationRegistered: 6200, populationTemporary: 3200, households: 2300,
    description: '街道东南部，河坊街历史街区、南宋御街南段、胡庆余堂和鼓楼一带。',
    descriptionEn:
      'The south-east: the Hefang Street historic quarter, the south end of the Southern Song Imperial Street, Huqingyu Tang and the Drum Tower.',
  },
  {
    suffix: '057', code: base('057'), name: '柳翠井巷社区', nameEn: 'Liucuijingxiang Community',
    officeAddress: '光复路50号', officeAddressEn: '50 Guangfu Road', office: [120.16725, 30.24635],
    populationRegistered: 5500, populationTemporary: 1900, households: 2040,
    description: '街道东北部，中山中路以东至中河高架；本社区是新中国第一个居民委员会（1949年）的诞生地。',
    descriptionEn:
      'The north-east, from Zhongshan Middle Road to the Zhonghe elevated road; the community is the birthplace of New China\'s first residents\' committee (1949).',
  },
];

/** Looks a community up by its Chinese name. */
export function communityByName(name: string): Community {
  const c = COMMUNITIES.find((x) => x.name === name);
  if (!c) throw new Error(`unknown community ${name}`);
  return c;
}

/** Short keys used by the thematic data. */
export const C = {
  qbm: '清波门社区',
  ldl: '劳动路社区',
  dal: '定安路社区',
  qhf: '清河坊社区',
  lcj: '柳翠井巷社区',
} as const;
