import type { Feature, Point } from 'geojson';
import type { CaseCategory, CaseClock } from '@shared/cases';
import type { LayerSchema } from '@shared/layers';
import { toNewFeature, type FeatureRepository, type Layer, type LayerRepository } from '../layers';
import type { CaseRecord } from './case-repository';

/** Id of the read-only layer (and OGC collection, and tile layer) that mirrors the cases. */
export const CASES_LAYER_ID = 'cases';

const label = (zh: string, en: string) => ({ zh, en });
const text = (title: string, en: string) => ({ type: 'string' as const, title, 'x-title-en': en });

const schema: LayerSchema = {
  type: 'object',
  required: ['name', 'number', 'category_code', 'state', 'reported_at'],
  additionalProperties: false,
  properties: {
    name: text('案件编号', 'Case number'),
    number: text('案件编号', 'Case number'),
    category_code: text('类别编码', 'Category code'),
    category: text('类别', 'Category'),
    category_en: text('类别（英文）', 'Category (English)'),
    family: { ...text('大类', 'Family'), enum: ['component', 'event'], 'x-enum-labels': { component: label('部件', 'Component'), event: label('事件', 'Event') } },
    state: {
      ...text('状态', 'State'),
      enum: ['reported', 'registered', 'rejected', 'dispatched', 'handling', 'feedback', 'closed', 'void'],
      'x-enum-labels': {
        reported: label('已上报', 'Reported'), registered: label('已立案', 'Registered'), rejected: label('不予立案', 'Rejected'),
        dispatched: label('已派遣', 'Dispatched'), handling: label('处理中', 'Handling'), feedback: label('已反馈', 'Feedback'),
        closed: label('已结案', 'Closed'), void: label('已作废', 'Void'),
      },
    },
    community_code: text('社区编码', 'Community code'),
    community: text('社区', 'Community'),
    grid_code: text('网格编码', 'Grid code'),
    department: text('处置部门', 'Department'),
    reported_at: { ...text('上报时间', 'Reported at'), format: 'date-time' },
    deadline: { ...text('处置时限', 'Deadline'), format: 'date-time' },
    clock: {
      ...text('时限状态', 'Deadline clock'), enum: ['green', 'yellow', 'red'],
      'x-enum-labels': { green: label('正常', 'On time'), yellow: label('将到期', 'Due soon'), red: label('已超期', 'Overdue') },
    },
    postponed: { type: 'boolean', title: '延期', 'x-title-en': 'Postponed' },
    rework_count: { type: 'integer', minimum: 0, title: '返工次数', 'x-title-en': 'Rework count' },
    demo: { type: 'boolean', title: '演示数据', 'x-title-en': 'Demo data' },
  },
};

/** The `cases` layer: public fields of every case, written only by the case service. */
export const CASES_LAYER: Omit<Layer, 'version' | 'updatedAt'> = {
  id: CASES_LAYER_ID,
  title: label('城管案件', 'City-management cases'),
  description: label(
    '数字城管案件的公开信息（只读，随案件办理自动更新；时间为上报时间；时限状态为最近一次变更时的状态）。不含上报人联系方式。',
    'Public fields of the digital city-management cases (read-only, updated by the case workflow; time is the report time; the clock is as of the last change). No reporter contact data.',
  ),
  group: 'services',
  geometryType: 'Point',
  schema,
  style: {
    color: '#B2182B',
    heatmap: true,
    hiddenInConsole: true,
    labelMinZoom: 18,
    colorBy: { property: 'state', values: { closed: '#7f7f7f', rejected: '#bdbdbd', void: '#bdbdbd', feedback: '#E69F00' } },
    strokeBy: { property: 'clock', values: { green: '#1a9850', yellow: '#f2c12e', red: '#67001f' } },
    clusterBelowZoom: 16,
  },
  options: { readOnly: true, temporal: { start: 'reported_at' }, labelProperty: 'name' },
  attribution: '清波街道数字城管 Qingbo digital city management (demo = 演示数据)',
  sortOrder: 1000,
};

/** The public properties of a case; nulls are left out, and nothing private is put in. */
export function caseProperties(c: CaseRecord, category: CaseCategory | undefined, clock: CaseClock | null): Record<string, unknown> {
  const props: Record<string, unknown> = {
    name: c.number, number: c.number, category_code: c.categoryCode, category: category?.name.zh, category_en: category?.name.en,
    family: category?.family, state: c.state, community_code: c.communityCode, community: c.communityName, grid_code: c.gridCode,
    department: c.department, reported_at: c.reportedAt, deadline: c.deadline, clock: clock?.colour, postponed: c.postponed,
    rework_count: c.reworkCount, demo: c.demo,
  };
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null && v !== undefined));
}

/** Keeps the `cases` layer in step with the cases table (call inside the case write's transaction). */
export function createCaseLayerWriter(deps: { layers: LayerRepository; features: FeatureRepository }) {
  const { layers, features } = deps;

  function ensure(now: string): Layer {
    const layer = layers.get(CASES_LAYER_ID);
    if (layer) return layer;
    layers.upsert(CASES_LAYER, now);
    return layers.get(CASES_LAYER_ID)!;
  }

  const featureOf = (c: CaseRecord, category: CaseCategory | undefined, clock: CaseClock | null): Feature<Point> =>
    ({ type: 'Feature', geometry: { type: 'Point', coordinates: [c.lon, c.lat] }, properties: caseProperties(c, category, clock) });

  return {
    /** Creates the layer when it is missing. */
    ensure,
    /** Writes the features of cases that have none yet, in order (a generated history); returns their ids in the same order. */
    insertMany(items: readonly { c: CaseRecord; category: CaseCategory | undefined; clock: CaseClock | null }[], now: string): number[] {
      const layer = ensure(now);
      return features.insertMany(items.map((i) => toNewFeature(layer, featureOf(i.c, i.category, i.clock))), now);
    },
    /** Writes a case's feature unless it is unchanged; returns its feature id (new when the case had none). */
    write(c: CaseRecord, category: CaseCategory | undefined, clock: CaseClock | null, now: string): number {
      const layer = ensure(now);
      const row = toNewFeature(layer, featureOf(c, category, clock));
      const current = c.featureId === null ? undefined : features.get(layer.id, c.featureId);
      if (!current) return features.insert(row, now);
      if (current.geometry !== row.geometry || current.properties !== row.properties) features.update(current.id, row, now);
      return current.id;
    },
  };
}

/** The case layer writer's interface. */
export type CaseLayerWriter = ReturnType<typeof createCaseLayerWriter>;
