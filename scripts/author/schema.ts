import { COMMUNITIES } from './communities.js';

/** One property's JSON Schema, with the contract's x- keywords. */
export interface PropSchema {
  type: 'string' | 'number' | 'integer' | 'boolean';
  title: string;
  'x-title-en': string;
  'x-unit'?: string;
  enum?: string[];
  'x-enum-labels'?: Record<string, { zh: string; en: string }>;
  format?: 'date';
  pattern?: string;
  minimum?: number;
  maximum?: number;
  'x-long-text'?: boolean;
}

/** The properties schema of a layer. */
export interface LayerSchema {
  type: 'object';
  required: string[];
  additionalProperties: false;
  properties: Record<string, PropSchema>;
}

/** A string property. */
export const str = (zh: string, en: string, extra: Partial<PropSchema> = {}): PropSchema => ({ type: 'string', title: zh, 'x-title-en': en, ...extra });

/** Long free text: kept out of vector tiles, served by the feature API. */
export const text = (zh: string, en: string): PropSchema => str(zh, en, { 'x-long-text': true });

/** A non-negative number, with an optional unit. */
export const num = (zh: string, en: string, unit?: string, extra: Partial<PropSchema> = {}): PropSchema => ({
  type: 'number', title: zh, 'x-title-en': en, minimum: 0, ...(unit ? { 'x-unit': unit } : {}), ...extra,
});

/** A non-negative integer, with an optional unit. */
export const int = (zh: string, en: string, unit?: string, extra: Partial<PropSchema> = {}): PropSchema => ({
  ...num(zh, en, unit, extra), type: 'integer',
});

/** A YYYY-MM-DD date. */
export const date = (zh: string, en: string): PropSchema => ({ type: 'string', format: 'date', title: zh, 'x-title-en': en });

/** A boolean flag. */
export const bool = (zh: string, en: string): PropSchema => ({ type: 'boolean', title: zh, 'x-title-en': en });

/** A string enumeration with zh/en labels, given as value → [zh, en]. */
export function enumOf(zh: string, en: string, labels: Record<string, [string, string]>): PropSchema {
  return {
    type: 'string', title: zh, 'x-title-en': en, enum: Object.keys(labels),
    'x-enum-labels': Object.fromEntries(Object.entries(labels).map(([k, [z, e]]) => [k, { zh: z, en: e }])),
  };
}

/** Name and English name, required on every layer. */
export const NAMES = { name: str('名称', 'Name'), name_en: str('英文名', 'English name') };

/** Marks values invented for the demo. */
export const DEMO = { demo: bool('演示数据', 'Demo data') };

/** The community a feature belongs to, by Chinese name. */
export const COMMUNITY = {
  community: enumOf('所属社区', 'Community', Object.fromEntries(COMMUNITIES.map((c) => [c.name, [c.name, c.nameEn]]))),
};

/** Assembles a closed object schema; `name` and `name_en` are always required. */
export function schema(properties: Record<string, PropSchema>, required: string[] = []): LayerSchema {
  return { type: 'object', required: ['name', 'name_en', ...required], additionalProperties: false, properties: { ...NAMES, ...properties } };
}

/** Works status shared by renovation layers. */
export const WORKS_STATUS = enumOf('状态', 'Status', {
  planned: ['规划', 'Planned'],
  under_construction: ['在建', 'Under construction'],
  completed: ['完工', 'Completed'],
  accepted: ['已验收', 'Accepted'],
});

/** Status of a facility in use. */
export const FACILITY_STATUS = enumOf('状态', 'Status', {
  planned: ['规划', 'Planned'],
  under_construction: ['在建', 'Under construction'],
  in_service: ['使用中', 'In service'],
  closed: ['停用', 'Closed'],
});
