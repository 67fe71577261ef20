import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { AppConfig } from './config';
import type { Db } from './db/database';
import { createLogger } from './logger';
import { errorHandler, notFoundHandler } from './errors';
import { createLayerRepository } from './features/layers/layer-repository';
import { createFeatureRepository } from './features/layers/feature-repository';
import { createLayerService } from './features/layers/layer-service';
import { createLayersRouter } from './features/layers/router';
import { createIndicatorRepository } from './features/indicators/indicator-repository';
import { createIndicatorsRouter } from './features/indicators/router';
import { createOgcRouter } from './ogc/router';
import { createStaticRouter } from './static';

/** What `createApp` needs. */
export interface AppDeps {
  db: Db;
  config: AppConfig;
  log?: Logger;
}

/** Builds the Express application over an open database. */
export function createApp({ db, config, log = createLogger(config.logLevel) }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'extended');
  app.use(helmet({
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        'child-src': ["'self'", 'blob:'],
        'img-src': ["'self'", 'data:', 'blob:'],
        'style-src': ["'self'", "'unsafe-inline'"],
        'connect-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
        'object-src': ["'none'"],
        'frame-ancestors': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
    crossOriginEmbedderPolicy: false,
  }));
  app.use(express.json({ limit: '1mb', type: ['application/json', 'application/geo+json'] }));

  const layerService = createLayerService({ layers: createLayerRepository(db), features: createFeatureRepository(db) });

  app.get('/api/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/api/layers', createLayersRouter(layerService));
  app.use('/api/indicators', createIndicatorsRouter(createIndicatorRepository(db)));
  app.use('/ogc', createOgcRouter({ layers: layerService, publicBaseUrl: config.publicBaseUrl }));
  app.use(createStaticRouter(config.clientDist));
  app.use(notFoundHandler);
  app.use(errorHandler(log));
  return app;
}
