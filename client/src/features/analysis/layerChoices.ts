import type { LayerInfo } from '@contracts/layers';
import type { AppLocale } from '../../i18n/locale';

/** The communities layer the coverage and statistics tools work with. */
export const COMMUNITIES_LAYER = 'communities';
/** The buildings (with households) the coverage tool counts. */
export const BUILDINGS_LAYER = 'courtyard-buildings';
/** The facility layer the coverage and nearest tools start with. */
export const DEFAULT_FACILITY_LAYER = 'garbage-rooms';

/** One layer offered in a select. */
export interface LayerChoice {
  id: string;
  title: string;
}

/** Layers as select options in the locale, point layers only when `pointsOnly`, thematic layers before the basemap. */
export function layerChoices(layers: readonly LayerInfo[], locale: AppLocale, pointsOnly = false): LayerChoice[] {
  return layers
    .filter((l) => !pointsOnly || l.geometryType === 'Point')
    .map((l, i) => ({ l, i }))
    .sort((a, b) => Number(a.l.group === 'basemap') - Number(b.l.group === 'basemap') || a.i - b.i)
    .map(({ l }) => ({ id: l.id, title: locale === 'en' ? l.title.en : l.title.zh }));
}

/** The preferred layer if offered, else the first choice, else ''. */
export function defaultChoice(choices: readonly LayerChoice[], preferred: string): string {
  return choices.find((c) => c.id === preferred)?.id ?? choices[0]?.id ?? '';
}
