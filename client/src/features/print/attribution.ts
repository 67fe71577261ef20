import type { LayerInfo } from '@shared/layers';
import type { AppLocale } from '../../i18n/locale';
import { summarizeAttributions } from '../layers';

/**
 * The sources line of a print: what every visible layer's attribution shares, or, when they
 * share nothing, the leading segment of each distinct attribution.
 */
export function printAttribution(layers: readonly LayerInfo[], isVisible: (id: string) => boolean, locale: AppLocale): string {
  const shown = layers.filter((layer) => isVisible(layer.id));
  const { common } = summarizeAttributions(shown, locale);
  if (common) return common;
  const leads = shown.map((layer) => layer.attribution.split(';')[0]!.trim()).filter(Boolean);
  return [...new Set(leads)].join('; ');
}
