import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { AppConfig } from './config';
import { basemapOrigins } from './styles/raster-basemaps';

/**
 * A hashed build asset loaded as a subresource of the app page (script, style, font, image): its document headers
 * (CSP, COOP, X-Frame-Options …) would never be read, so it carries only nosniff, CORP and HSTS. Worker scripts are
 * not among them: a worker's Content-Security-Policy comes from its own response.
 */
export function isSubresourceAsset(path: string): boolean {
  return path.startsWith('/assets/') && !/worker/i.test(path.slice('/assets/'.length));
}

function documentHeaders(config: AppConfig): RequestHandler {
  const online = basemapOrigins(config.basemap);
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        'child-src': ["'self'", 'blob:'],
        'img-src': ["'self'", 'data:', 'blob:', ...online],
        'style-src': ["'self'", "'unsafe-inline'"],
        'connect-src': ["'self'", ...online],
        'font-src': ["'self'", 'data:'],
        'object-src': ["'none'"],
        'frame-ancestors': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
}

/** Only the headers a subresource needs: X-Content-Type-Options, Cross-Origin-Resource-Policy and HSTS. */
function subresourceHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: false,
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    referrerPolicy: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
}

/**
 * Helmet's security headers: the full set (CSP allowing the configured online basemaps, COOP, frame options …) on
 * pages, API answers and worker scripts; the short subresource set on hashed assets (see `isSubresourceAsset`).
 */
export function securityHeaders(config: AppConfig): RequestHandler {
  const documents = documentHeaders(config);
  const subresources = subresourceHeaders();
  return (req, res, next) => (isSubresourceAsset(req.path) ? subresources : documents)(req, res, next);
}
