import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { AppConfig } from './config';
import type { Db } from './db/database';
import { createLogger } from './logger';
import { errorHandler, notFoundHandler } from './errors';
import { authorize, csrfGuard, requestUser, sessionMiddleware } from './auth/middleware';
import { withTokenNote } from './auth/request-context';
import { createAuthFeature, type AuthService } from './features/auth';
import { createAuditFeature } from './features/audit';
import { createCalendarFeature } from './features/calendar';
import { createLayersFeature } from './features/layers';
import { createGeocodeService } from './features/geocode';
import { createExportService, type ExportDeps } from './features/export';
import { createFeaturePhotos } from './features/feature-photos';
import { createAppUploads, type UploadDeps, type PhotoWriter } from './features/photos';
import { createImportFeature } from './features/import';
import { createIndicatorsFeature } from './features/indicators';
import { createOverviewFeature } from './features/overview';
import { createReportsFeature } from './features/reports';
import { createCaseFeature, CASES_LAYER_ID, type CaseChange } from './features/cases';
import { createEventsFeature, createLiveEventBus, type EventBus } from './features/events';
import { createNotificationsFeature, type NotificationsFeature, type Sender } from './features/notifications';
import { createOpen311Feature } from './open311/feature';
import { open311ErrorHandler } from './open311/router';
import { createOpen311DiscoveryRouter } from './open311/discovery';
import { createOgcRouter } from './ogc/router';
import { createNotFoundPage, createStaticRouter } from './static';
import { responseCompression } from './compression';
import { bodyTypeGuard } from './body-types';
import { corsMiddleware, createCors } from './cors';
import { createAllowOf, optionsMiddleware } from './ogc/options';
import { createTileRepository } from './tiles/tile-repository';
import { createTileService } from './tiles/tile-service';
import { createTileFastPath } from './tiles/fast-path';
import { createTilesRouter } from './tiles/router';
import { createStylesRouter } from './styles/router';
import { securityHeaders } from './security-headers';

/** What `createApp` needs. */
export interface AppDeps {
  db: Db;
  config: AppConfig;
  log?: Logger;
  /** Upload seams: the gates bounding image and import work, and the photo store's file operations. */
  uploads?: UploadDeps & { photoWriter?: PhotoWriter };
  /** Download seams: the ogr2ogr executable (`null`: none), the gate bounding exports, their timeout. */
  exports?: ExportDeps;
  /** Webhook seam: sends one delivery (node:http(s) by default). */
  webhookSender?: Sender;
}

/** The app: a node:http listener (tiles on a fast path, the rest through Express). */
export type App = RequestListener & {
  express: Express;
  auth: AuthService;
  /** The live-update hub behind `/api/events` (close it to end every stream). */
  events: EventBus;
  /** Refreshes the deadline clocks of the `cases` layer (run every few minutes). */
  refreshClocks(now?: Date): void;
  /** Webhook deliveries: `flush` sends what is due, `close` stops the worker's timer. */
  notifications: NotificationsFeature['worker'];
};

/** Builds the application over an open database. */
export function createApp({ db, config, log = createLogger(config.logLevel), uploads: uploadDeps = {}, exports: exportDeps = {}, webhookSender }: AppDeps): App {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'extended');

  const auditFeature = createAuditFeature({ db });
  const audit = withTokenNote(auditFeature.repository);
  const authFeature = createAuthFeature({
    db, audit: auditFeature, settings: { sessionHours: config.sessionHours, attemptsPerMinute: config.loginAttemptsPerMinute },
  });
  const auth = authFeature.service;
  const events = createLiveEventBus({ db, log });
  const layersFeature = createLayersFeature({
    db, audit,
    onWrite: (c) => {
      tileService.layerChanged(c.layerId);
      events.publish('layer.changed', c);
      featurePhotos.service.prune(c.layerId);
    },
  });
  const { layers: layerRepository, features: featureRepository, service: layerService, writes } = layersFeature;
  const layerChanged = (layerId: string) => {
    tileService.layerChanged(layerId);
    const version = layerRepository.get(layerId)?.version;
    if (version !== undefined) events.publish('layer.changed', { layerId, version });
  };
  const caseChanged = (c: CaseChange) => {
    events.publish(c.action === 'report' ? 'case.created' : 'case.changed', { id: c.id, number: c.number, state: c.to, community: c.community, category: c.category });
    layerChanged(CASES_LAYER_ID);
    notifications.caseChanged(c);
  };
  const { photoWriter } = uploadDeps;
  const uploads = createAppUploads(config.uploadDir, uploadDeps);
  const calendar = createCalendarFeature({ db });
  const cases = createCaseFeature({ db, layers: layerRepository, features: featureRepository, audit, calendar, uploadDir: config.uploadDir, photoWriter, onChange: caseChanged });
  const notifications = createNotificationsFeature({
    db, bus: events, cases: cases.records.cases, categories: cases.records.categories, calendar, audit, log,
    allowedHosts: config.webhookHosts, publicBaseUrl: config.publicBaseUrl, send: webhookSender,
  });
  const featurePhotos = createFeaturePhotos({ db, layers: layerRepository, features: featureRepository, audit, uploadDir: config.uploadDir, photoWriter, uploads, calendar });
  const tileService = createTileService({ layers: layerRepository, tiles: createTileRepository(db), cacheBytes: config.tileCacheMb * 1024 * 1024 });
  const links = { publicBaseUrl: config.publicBaseUrl };
  const imports = createImportFeature({ db, layers: layerRepository, features: featureRepository, audit, uploads, onChange: (c) => {
    tileService.layerChanged(c.layerId);
    events.publish('layer.changed', c);
  } });

  const cors = createCors(config.corsOrigins);
  const allowOf = createAllowOf((id) => layerRepository.get(id));
  app.use(securityHeaders(config));
  app.use(responseCompression());
  app.use(corsMiddleware(cors, allowOf));
  app.use(optionsMiddleware(allowOf));
  app.use(sessionMiddleware(auth, authFeature.tokens));
  app.use(authorize({ publicRead: config.publicRead, notFoundPage: createNotFoundPage(config.clientDist) }));
  app.use(csrfGuard());
  app.use(bodyTypeGuard());
  app.use(express.json({ limit: '1mb', type: ['application/json', 'application/geo+json', 'application/merge-patch+json'] }));

  app.use('/api', (_req, res, next) => {
    // answers depend on who asks: never shared between users, always revalidated
    res.set('Cache-Control', 'private, no-cache');
    res.vary('Cookie');
    next();
  });
  app.get('/api/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/api/auth', authFeature.router);
  app.use('/api/audit', auditFeature.router);
  app.use('/api/layers', layersFeature.router);
  app.use('/api/layers', featurePhotos.router);
  app.use('/api/layers', imports.router);
  const indicators = createIndicatorsFeature({ db });
  app.use('/api/indicators', indicators.router);
  const caseRouters = cases.routers(uploads);
  app.use('/api/cases', caseRouters.cases);
  app.use('/api/overview', createOverviewFeature({ cases: cases.reads, indicators: indicators.repository, features: featureRepository }).router);
  app.use('/api/reports', createReportsFeature({ cases: cases.reads }).router);
  app.use('/api/calendar', calendar.router(audit));
  app.use('/api/photos', caseRouters.photos);
  app.use('/api/notifications', notifications.router);
  app.use('/api/events', createEventsFeature({ bus: events, heartbeatMs: config.sseHeartbeatMs, auth, sessionCheckMs: config.sseSessionCheckMs }).router);
  app.use('/open311', createOpen311DiscoveryRouter({ db, settings: { type: config.open311Type, contact: config.open311Contact }, ...links }));
  app.use('/open311/v2', createOpen311Feature({ db, cases, calendar, geocoder: createGeocodeService({ layers: layerService, features: featureRepository }), ratePerMinute: config.open311RatePerMinute }));
  app.use('/tiles', createTilesRouter({ tiles: tileService, layers: layerService, ...links }));
  app.use('/styles', createStylesRouter({ layers: layerService, basemap: config.basemap, tiandituKey: config.tiandituKey, ...links }));
  app.use('/ogc', createOgcRouter({ layers: layerService, writes, exports: createExportService(exportDeps), requireIfMatch: config.ogcRequireIfMatch, ...links }));
  app.use(createStaticRouter(config.clientDist));
  app.use('/open311', open311ErrorHandler(log));
  app.use(notFoundHandler);
  app.use(errorHandler(log));

  const userOf = requestUser(auth, authFeature.tokens);
  const tiles = createTileFastPath(tileService, {
    canRead: (req) => config.publicRead || userOf(req) !== undefined, log, cors,
    datasetLayers: () => layerRepository.list().map((l) => l.id),
  });
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (!tiles(req, res)) app(req, res);
  };
  const refreshClocks = (now = new Date()) => {
    const before = layerRepository.get(CASES_LAYER_ID)?.version;
    cases.writes.refreshClocks(now);
    if (layerRepository.get(CASES_LAYER_ID)?.version !== before) layerChanged(CASES_LAYER_ID);
    notifications.scanClocks(now);
  };
  return Object.assign(listener, { express: app, auth, events, refreshClocks, notifications: notifications.worker });
}
