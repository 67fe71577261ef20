import { onScopeDispose } from 'vue';

/**
 * Sets the printed page (`@page { size; margin }`) while the calling component lives: a style element added to the
 * document head and removed on unmount, so other pages print with their own page rules. In print the app's
 * full-height, scrolling frame is let go, so that a sheet longer than the window prints on as many pages as it needs.
 */
export function usePageSize(options: { size: string; margin: string; document?: Document }): HTMLStyleElement {
  const doc = options.document ?? globalThis.document;
  const style = doc.createElement('style');
  style.dataset.pageSize = options.size;
  style.textContent = `@page { size: ${options.size}; margin: ${options.margin}; }\n`
    + '@media print { html, body, #app, #main { height: auto !important; overflow: visible !important; } }';
  doc.head.append(style);
  onScopeDispose(() => style.remove());
  return style;
}
