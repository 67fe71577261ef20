import type { Request, Router } from 'express';
import { STYLE_NAMES } from '../styles/style';
import { MEDIA, type Link } from './documents';

/** Media type of a MapLibre / Mapbox GL style. */
export const STYLE_MEDIA = 'application/vnd.mapbox.style+json';

const TITLES: Record<(typeof STYLE_NAMES)[number], string> = {
  console: '浅色控制台 Light console',
  overview: '深色大屏 Dark overview',
};

/** `/ogc/styles` (OGC API – Styles' list): the two MapLibre styles, linking their style JSON. */
export function addStylesRoutes(router: Router, baseOf: (req: Request) => string, rootOf: (req: Request) => string): void {
  router.get('/styles', (req, res) => {
    const root = rootOf(req);
    res.type(MEDIA.json).send(JSON.stringify({
      default: STYLE_NAMES[0],
      links: [{ href: `${baseOf(req)}/styles`, rel: 'self', type: MEDIA.json, title: 'Styles' }] satisfies Link[],
      styles: STYLE_NAMES.map((id) => ({
        id,
        title: TITLES[id],
        links: [
          { href: `${root}/styles/${id}.json`, rel: 'stylesheet', type: STYLE_MEDIA, title: `${TITLES[id]} (MapLibre style, Chinese labels)` },
          { href: `${root}/styles/${id}.json?lang=en`, rel: 'stylesheet', type: STYLE_MEDIA, title: `${TITLES[id]} (MapLibre style, English labels)` },
        ] satisfies Link[],
      })),
    }));
  });
}
