import * as turf from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { COMMUNITIES, STREET_CODE } from './communities.js';
import { boundary, communityPolygon } from './frame.js';
import { feature, type Props } from './geo.js';
import { gridCells } from './grid.js';

/** Area in m², rounded to whole metres. */
export function areaM2(p: Polygon): number {
  return Math.round(turf.area(p));
}

/** The subdistrict boundary feature. */
export function districtBoundary(): Feature<Polygon, Props>[] {
  return [
    feature(boundary, {
      name: '清波街道', name_en: 'Qingbo Street Subdistrict', code: STREET_CODE,
      district: '上城区', district_en: 'Shangcheng District, Hangzhou',
      area_m2: areaM2(boundary), population_registered: 31000, population_temporary: 11000,
      description: '东至中河高架，南靠吴山，西临西湖，北至西湖大道。',
      description_en: 'East to the Zhonghe elevated road, south against Wu Hill, west to West Lake, north to Xihu Avenue.',
    }),
  ];
}

/** The five community polygons. */
export function communities(): Feature<Polygon, Props>[] {
  return COMMUNITIES.map((c) =>
    feature(communityPolygon(c.suffix), {
      code: c.code, name: c.name, name_en: c.nameEn,
      office_address: c.officeAddress, office_address_en: c.officeAddressEn,
      population_registered: c.populationRegistered, population_temporary: c.populationTemporary,
      households: c.households, area_m2: areaM2(communityPolygon(c.suffix)),
      description: c.description, description_en: c.descriptionEn, demo: true,
    }),
  );
}

const SURNAMES = ['王', '李', '张', '陈', '周', '徐', '孙', '朱', '胡', '沈', '吴', '杨', '金', '何', '俞', '蒋', '郑', '叶'];
const GIVEN = ['丽华', '建国', '晓燕', '志强', '美娟', '国平', '海燕', '伟民', '雪芬', '立新', '秀英', '卫东', '红梅', '文杰', '爱萍', '慧敏', '永明', '桂芳', '佳怡', '俊杰'];

/** The k-th invented name: a fixed permutation of all surname × given-name pairs, so no two repeat. */
function inventedName(k: number): string {
  const m = (k * 97) % (SURNAMES.length * GIVEN.length);
  return `${SURNAMES[m % SURNAMES.length]}${GIVEN[Math.floor(m / SURNAMES.length)]}`;
}

/**
 * Unit grids (万米单元网格) clipped to each community and numbered per community; one
 * invented grid worker looks after four consecutive cells.
 */
export function gridCellFeatures(): Feature<Polygon, Props>[] {
  const out: Feature<Polygon, Props>[] = [];
  let workers = 0;
  for (const c of COMMUNITIES) {
    const first = workers;
    gridCells(communityPolygon(c.suffix)).forEach((ring, i) => {
      const seq = String(i + 1).padStart(3, '0');
      const geometry: Polygon = { type: 'Polygon', coordinates: [ring] };
      out.push(
        feature(geometry, {
          code: `${c.code}${seq}`, name: `${c.name} 第${seq}网格`, name_en: `${c.nameEn} grid ${seq}`,
          community_code: c.code, community: c.name, area_m2: areaM2(geometry),
          grid_worker: inventedName(first + Math.floor(i / 4)), demo: true,
        }),
      );
      workers = Math.max(workers, first + Math.floor(i / 4) + 1);
    });
  }
  return out;
}
