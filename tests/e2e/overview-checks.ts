import type { Page } from 'playwright-core';

/** Any CJK ideograph or full-width punctuation. */
export const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/u;

/** What the overview's text looks like on screen. */
export interface TextReport {
  /** The canvas's CSS scale. */
  scale: number;
  /** The smallest text on screen (computed font-size × scale), with the element and text that has it. */
  smallest: { px: number; selector: string; text: string };
  /** How many visible text elements were measured. */
  measured: number;
  /** Card titles, values and references whose text is wider than their box, or taller than a box that clips (cut off). */
  cut: { selector: string; text: string; scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number }[];
  /** How many card titles there are. */
  titles: number;
  /** Texts of the cards, panel titles, breadcrumb, header status and ticker (for the language check). */
  texts: string[];
}

interface El {
  tagName: string;
  className: string | { baseVal: string };
  textContent: string | null;
  childNodes: ArrayLike<{ nodeType: number; textContent: string | null }>;
  getBoundingClientRect(): { width: number; height: number };
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  closest(selector: string): El | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<El>;
}
interface Win {
  document: { querySelector(s: string): El | null; querySelectorAll(s: string): ArrayLike<El> };
  getComputedStyle(e: El): { fontSize: string; visibility: string; display: string; overflowY: string };
}

/**
 * Measures every visible text of the overview (an element with a text node of its own): its size on screen, and
 * whether a card's title, figure or reference line is cut off (scrollWidth/Height beyond clientWidth/Height).
 */
export async function measureOverviewText(page: Page): Promise<TextReport> {
  // no named helpers inside: tsx's keepNames would wrap them in a __name() the page does not have
  return page.evaluate(() => {
    const w = globalThis as unknown as Win;
    const canvas = w.document.querySelector('.overview-canvas')!;
    const scale = Number(canvas.getAttribute('data-scale'));
    let smallest = { px: Infinity, selector: '', text: '' };
    let measured = 0;
    for (const e of Array.from(canvas.querySelectorAll('*'))) {
      const own = Array.from(e.childNodes).filter((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '').map((n) => n.textContent!.trim()).join(' ');
      if (!own) continue;
      const rect = e.getBoundingClientRect();
      const style = w.getComputedStyle(e);
      if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
      measured += 1;
      const px = parseFloat(style.fontSize) * scale;
      const cls = typeof e.className === 'string' ? e.className : e.className.baseVal;
      if (px < smallest.px) smallest = { px, selector: `${e.tagName.toLowerCase()}.${cls.trim().split(/\s+/).join('.')}`, text: own.slice(0, 40) };
    }
    // wider than its box is cut off or spills into the next card; taller only matters where the box clips
    const cut = Array.from(canvas.querySelectorAll('.kpi-card__title, .kpi-card__value, .kpi-card__reference'))
      .filter((e) => e.scrollWidth > e.clientWidth + 0.5 || (w.getComputedStyle(e).overflowY !== 'visible' && e.scrollHeight > e.clientHeight + 0.5))
      .map((e) => ({ selector: String(e.className), text: e.textContent ?? '', scrollWidth: e.scrollWidth, clientWidth: e.clientWidth, scrollHeight: e.scrollHeight, clientHeight: e.clientHeight }));
    const texts = Array.from(canvas.querySelectorAll('.kpi-card, .overview-panel__title, .overview-breadcrumb, .overview-header__status, .overview-header__title, .overview-header__button, .overview-ticker'))
      .map((e) => e.textContent ?? '');
    return { scale, smallest, measured, cut, titles: canvas.querySelectorAll('.kpi-card__title').length, texts };
  }) as Promise<TextReport>;
}
