import type { LayerInfo } from '@shared/layers';
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
  featureCount: number;
  /** More features than the run takes: offered but not choosable. */
  tooMany: boolean;
}

/** What `layerChoices` offers. */
export interface LayerChoiceOptions {
  /** Point layers only. */
  pointsOnly?: boolean;
  /** Layers with more features than this are marked `tooMany`. */
  maxFeatures?: number;
}

/** Layers as select options in the locale, thematic layers before the basemap. */
export function layerChoices(layers: readonly LayerInfo[], locale: AppLocale, options: LayerChoiceOptions = {}): LayerChoice[] {
  const max = options.maxFeatures ?? Number.POSITIVE_INFINITY;
  return layers
    .filter((l) => !options.pointsOnly || l.geometryType === 'Point')
    .map((l, i) => ({ l, i }))
    .sort((a, b) => Number(a.l.group === 'basemap') - Number(b.l.group === 'basemap') || a.i - b.i)
    .map(({ l }) => ({ id: l.id, title: locale === 'en' ? l.title.en : l.title.zh, featureCount: l.featureCount, tooMany: l.featureCount > max }));
}

/** The preferred layer if offered and choosable, else the first choosable one, else ''. */
export function defaultChoice(choices: readonly LayerChoice[], preferred: string): string {
  const open = choices.filter((c) => !c.tooMany);
  return open.find((c) => c.id === preferred)?.id ?? open[0]?.id ?? '';
}
