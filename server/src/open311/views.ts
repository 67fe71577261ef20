import { DEPARTMENT_NAMES, type CaseCategory, type CaseState } from '@shared/cases';
import { BadRequestError } from '../errors';
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from '@shared/text';
import type { XmlObject } from './xml';

/** Language of names and notes: Chinese (default) or English (`?lang=en`, an extension). */
export type Lang = 'zh' | 'en';

/** The detailed state of a case in words (zh, en), for status_notes. */
export const STATE_NOTES: Readonly<Record<CaseState, readonly [string, string]>> = {
  reported: ['已上报，待立案', 'reported, awaiting registration'],
  registered: ['已立案，待派遣', 'registered, awaiting dispatch'],
  rejected: ['不予立案', 'not registered'],
  dispatched: ['已派遣，待处置', 'dispatched to the responsible department'],
  handling: ['处置中', 'being handled'],
  feedback: ['已处置，待核查', 'handled, awaiting verification'],
  closed: ['核查通过，已结案', 'verified and closed'],
  void: ['已作废', 'void'],
};

/** A category as a GeoReport service. */
export function serviceView(c: CaseCategory, lang: Lang): XmlObject {
  const unit = c.timeLimit.unit === 'wh' ? (lang === 'en' ? 'working hours' : '工作时') : (lang === 'en' ? 'working days' : '工作日');
  const family = c.family === 'component' ? ['部件', 'component'] : ['事件', 'event'];
  return {
    service_code: c.code,
    service_name: c.name[lang],
    description: lang === 'en'
      ? `${c.major.name.en} ${family[1]}: ${c.name.en}. Handled by ${DEPARTMENT_NAMES[c.department].en} within ${c.timeLimit.value} ${unit} of dispatch.`
      : `${c.major.name.zh}${family[0]}：${c.name.zh}。由${DEPARTMENT_NAMES[c.department].zh}在派遣后 ${c.timeLimit.value} ${unit}内处置。`,
    metadata: true,
    type: 'realtime',
    keywords: [c.name.zh, c.name.en, c.major.name.zh, c.major.name.en].join(','),
    group: c.major.name[lang],
  };
}

interface AttributeDefinition {
  code: string;
  check(value: string): string;
  view(lang: Lang): XmlObject;
}

const URGENCY = [['normal', '一般', 'Normal'], ['urgent', '紧急（影响安全或通行）', 'Urgent (a danger or an obstruction)']] as const;

/** The attributes every service takes (`attribute[code]` in a POST). */
export const ATTRIBUTES: readonly AttributeDefinition[] = [
  {
    code: 'landmark',
    check: (v) => {
      if (v.length > 200) throw new BadRequestError('attribute[landmark] may have at most 200 characters');
      if (hasControlCharacters(v)) throw new BadRequestError(`attribute[landmark] ${CONTROL_CHARACTERS_MESSAGE}`);
      return v;
    },
    view: (lang) => ({
      variable: true, code: 'landmark', datatype: 'string', required: false,
      datatype_description: lang === 'en' ? 'A house number, shop or landmark nearby (at most 200 characters)' : '附近的门牌号、店铺或地标（不超过 200 字）',
      order: 1, description: lang === 'en' ? 'Nearby landmark' : '附近地标', values: [],
    }),
  },
  {
    code: 'urgency',
    check: (v) => {
      if (!URGENCY.some(([key]) => key === v)) throw new BadRequestError(`attribute[urgency] must be one of ${URGENCY.map(([k]) => k).join(', ')}`);
      return v;
    },
    view: (lang) => ({
      variable: true, code: 'urgency', datatype: 'singlevaluelist', required: false, datatype_description: null,
      order: 2, description: lang === 'en' ? 'How urgent is it?' : '紧急程度',
      values: URGENCY.map(([key, zh, en]) => ({ key, name: lang === 'en' ? en : zh })),
    }),
  },
];

/** Validates POSTed attributes against the definitions; 400 for an unknown code or a bad value. */
export function checkAttributes(given: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [code, raw] of Object.entries(given)) {
    const def = ATTRIBUTES.find((a) => a.code === code);
    if (!def) throw new BadRequestError(`unknown attribute "${code}" (known: ${ATTRIBUTES.map((a) => a.code).join(', ')})`);
    const value = raw.trim();
    if (value) out[code] = def.check(value);
  }
  return out;
}
