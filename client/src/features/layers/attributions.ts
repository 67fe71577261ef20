import type { LayerInfo } from '@shared/layers';
import type { AppLocale } from '../../i18n/locale';

/** Attributions split into the part every layer shares and what each layer adds. */
export interface AttributionSummary {
  /** Segments common to every attributed layer, joined with "; ". */
  common: string;
  /** Per layer, the segments beyond the common ones (layers with nothing extra are left out). */
  extras: { id: string; title: string; text: string }[];
}

const SEPARATOR = '; ';

/** Splits layer attributions ("a; b; c") into the shared segments and each layer's own. */
export function summarizeAttributions(layers: readonly LayerInfo[], locale: AppLocale): AttributionSummary {
  const attributed = layers.filter((l) => l.attribution.trim() !== '');
  const segments = attributed.map((l) => l.attribution.split(SEPARATOR).map((s) => s.trim()).filter(Boolean));
  const common = segments[0]?.filter((s) => segments.every((list) => list.includes(s))) ?? [];
  const extras = attributed
    .map((l, i) => ({
      id: l.id,
      title: locale === 'en' ? l.title.en : l.title.zh,
      text: (segments[i] ?? []).filter((s) => !common.includes(s)).join(SEPARATOR),
    }))
    .filter((e) => e.text !== '');
  return { common: common.join(SEPARATOR), extras };
}
