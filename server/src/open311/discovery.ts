import { Router, type Request } from 'express';
import type { Db } from '../db/database';
import { parseQuery } from '../validation';
import { createDiscoveryRepository } from './discovery-repository';
import { formatOf, send } from './router';
import { commonQuery, OPEN311_MEDIA_TYPES } from './schemas';
import type { Lang } from './views';
import type { XmlObject } from './xml';

/** The token of the GeoReport v2 specification in a discovery document. */
export const GEOREPORT_V2_SPEC = 'http://wiki.open311.org/GeoReport_v2';

/** Whether the endpoint's data is live and acted upon (`production`) or not (`test`). */
export type Open311EndpointType = 'production' | 'test';

/** What the discovery document says about this deployment. */
export interface DiscoverySettings {
  type: Open311EndpointType;
  /** Who to contact, as configured; a bilingual pointer to the administrator when absent. */
  contact?: string;
}

const DEFAULT_CONTACT: Record<Lang, string> = {
  zh: '清波街道城市管理指挥中心：请联系本服务器的管理员。',
  en: 'Qingbo Street city-management command centre: please contact the administrator of this server.',
};
const KEY_SERVICE: Record<Lang, string> = {
  zh: '读取无需 API key；上报（POST requests）需要 API key，由本服务器的管理员签发（npm run user -- apikey add 名称）。',
  en: 'Reading needs no API key; reporting (POST requests) needs one, issued by the administrator of this server (npm run user -- apikey add NAME).',
};
/** MIME types of the formats the v2 endpoint answers in, as it sends them (XML, the spec's required format, first). */
const FORMATS = [OPEN311_MEDIA_TYPES.xml, OPEN311_MEDIA_TYPES.json];

/**
 * The Service Discovery document: one GeoReport v2 endpoint at `{base}/open311/v2`. Its
 * changeset is when the service list (the case categories) last changed, so a client knows
 * when to refresh cached service definitions.
 */
export function discoveryDocument(input: { baseUrl: string; changeset: string; settings: DiscoverySettings; lang: Lang }): XmlObject {
  const { baseUrl, changeset, settings, lang } = input;
  return {
    changeset,
    contact: settings.contact ?? DEFAULT_CONTACT[lang],
    key_service: KEY_SERVICE[lang],
    endpoints: [{ specification: GEOREPORT_V2_SPEC, url: `${baseUrl}/open311/v2`, changeset, type: settings.type, formats: FORMATS }],
  };
}

/** `GET /discovery.{json|xml}` (mounted at `/open311`): GeoReport v2 Service Discovery. */
export function createOpen311DiscoveryRouter(deps: { db: Db; settings: DiscoverySettings; publicBaseUrl?: string }): Router {
  const repository = createDiscoveryRepository(deps.db);
  const baseOf = (req: Request) => deps.publicBaseUrl ?? `${req.protocol}://${req.get('host')}`;
  const router = Router();
  router.get('/discovery.:format', (req, res) => {
    const format = formatOf(req);
    const lang = parseQuery(commonQuery, req.query).lang ?? 'zh';
    const changeset = repository.servicesChangedAt() ?? new Date(0).toISOString();
    send(res, format, 'discovery', discoveryDocument({ baseUrl: baseOf(req), changeset, settings: deps.settings, lang }));
  });
  return router;
}
