import type { LayerInfo } from '@shared/layers';
import type { AppLocale } from '../../i18n/locale';
import { featureNames, propertyRows, type FormatLabels } from './propertyFormat';

/** What a feature popup shows. */
export interface FeaturePopupInput {
  layer: LayerInfo;
  properties: Record<string, unknown>;
  locale: AppLocale;
  labels: FormatLabels;
}

/**
 * Builds a feature popup's content from DOM nodes; every piece of data is set as `textContent`,
 * never parsed as HTML.
 */
export function buildFeaturePopup(input: FeaturePopupInput, doc: Document = document): HTMLElement {
  const { layer, properties, locale, labels } = input;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) => {
    const node = doc.createElement(tag);
    node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const root = el('div', 'feature-popup');
  root.lang = locale;
  root.append(el('p', 'feature-popup__layer', locale === 'en' ? layer.title.en : layer.title.zh));

  const { primary, secondary } = featureNames(layer, properties, locale);
  if (primary) root.append(el('h3', 'feature-popup__title', primary));
  if (secondary) root.append(el('p', 'feature-popup__subtitle', secondary));

  const rows = propertyRows(layer, properties, locale, labels);
  if (rows.length > 0) {
    const list = el('dl', 'feature-popup__props');
    for (const row of rows) {
      const item = el('div', 'feature-popup__row');
      item.dataset.key = row.key;
      item.append(el('dt', 'feature-popup__key', row.title), el('dd', 'feature-popup__value', row.value));
      list.append(item);
    }
    root.append(list);
  }
  return root;
}
