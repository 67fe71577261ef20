/** A figure ready to show: the number as text (with a currency sign in English) and its unit word. */
export interface Quantity {
  number: string;
  unit: string;
}

/** The display languages. */
export type UnitLang = 'zh' | 'en';

/** Money units of the reports: their size in yuan or dollars and the English sign. */
const MONEY: Record<string, { factor: number; sign: string }> = {
  元: { factor: 1, sign: '¥' },
  万元: { factor: 1e4, sign: '¥' },
  亿元: { factor: 1e8, sign: '¥' },
  美元: { factor: 1, sign: 'US$' },
  万美元: { factor: 1e4, sign: 'US$' },
  亿美元: { factor: 1e8, sign: 'US$' },
};

/**
 * Counting words (量词) in English: a noun, singular and plural, or '' where the figure's title already names what
 * is counted (家 enterprises, 个 communities, 次 events, …).
 */
const COUNTERS: Record<string, readonly [string, string] | ''> = {
  户: ['household', 'households'],
  人: ['person', 'people'],
  人次: ['visit', 'visits'],
  幢: ['building', 'buildings'],
  栋: ['building', 'buildings'],
  处: ['site', 'sites'],
  座: '', 个: '', 家: '', 条: '', 次: '', 件: '', 份: '', 项: '', 辆: '', 棵: '', 名: '',
};

/** Units written the same in both languages. */
const SAME = new Set(['%', 'm', 'km', 'm²', 'km²', 'ha', 't', 'kg', 'kW', 'kWh']);
const ALIASES: Record<string, string> = { '㎡': 'm²', 平方米: 'm²', 方: 'm²', 米: 'm', 公里: 'km', 千米: 'km', 吨: 't', 公斤: 'kg' };
const CJK = /[\u3000-\u9fff\uff00-\uffef]/u;

function formatNumber(value: number, lang: UnitLang, maximumFractionDigits = 2): string {
  return value.toLocaleString(lang === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits });
}

/** An amount of money in English: ¥2.48 million, ¥5.38 billion, US$8.95 million, ¥5,000. */
function money(amount: number, sign: string): Quantity {
  const abs = Math.abs(amount);
  if (abs >= 1e9) return { number: `${sign}${formatNumber(amount / 1e9, 'en')}`, unit: 'billion' };
  if (abs >= 1e6) return { number: `${sign}${formatNumber(amount / 1e6, 'en')}`, unit: 'million' };
  return { number: `${sign}${formatNumber(amount, 'en')}`, unit: '' };
}

/**
 * A figure with a unit of the Chinese data (万元, 亿元, 户, m², …) for display: in Chinese as given
 * (`248` + `万元`); in English with international units (`¥2.48` + `million`, `9,658` + `households`),
 * never with a Chinese character (an unknown Chinese unit is left out: the figure's title names it).
 */
export function formatQuantity(value: number, unit: string, lang: UnitLang): Quantity {
  const u = ALIASES[unit.trim()] ?? unit.trim();
  if (lang === 'zh') return { number: formatNumber(value, 'zh'), unit: u };
  const m = MONEY[u];
  if (m) return money(value * m.factor, m.sign);
  const number = formatNumber(value, 'en');
  const counter = COUNTERS[u];
  if (counter !== undefined) return { number, unit: counter === '' ? '' : counter[value === 1 ? 0 : 1] };
  if (SAME.has(u) || !CJK.test(u)) return { number, unit: u };
  return { number, unit: '' };
}

/** `formatQuantity` as one string: `248万元`, `¥2.48 million`, `9,658 households`, `95%`. */
export function formatQuantityText(value: number, unit: string, lang: UnitLang): string {
  const q = formatQuantity(value, unit, lang);
  if (!q.unit) return q.number;
  if (lang === 'zh' || q.unit === '%') return `${q.number}${q.unit}`;
  return `${q.number} ${q.unit}`;
}
