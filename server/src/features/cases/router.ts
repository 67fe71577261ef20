import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  actionBodies, bulkDispatchBody, CASE_ACTIONS, CATEGORY_CODE, caseListQuery, categoryUpdateBody, kpiQuery, newCaseBody, newCategoryBody, PHOTO_LIMITS, pointQuery,
  type ActionInput, type CaseAction, type CaseAnswer, type CaseDetail, type CategoriesAnswer, type CategoryAnswer, type DispatchAnswer,
} from '@shared/cases';
import { BadRequestError, NotFoundError } from '../../errors';
import { parseBody, parseQuery } from '../../validation';
import type { CaseReadService } from './case-read-service';
import type { CaseService } from './case-service';
import { caseEtag } from './case-view';
import { categoryEtag, type CategoryService } from './category-service';
import { uploadedFiles, type Uploads } from '../photos';
import { createCasePhotosRouter } from './photo-router';
import type { PhotoService } from './photo-service';

const duplicatesQuery = pointQuery.required({ category: true });

function sendCase(res: Response, c: CaseDetail, status = 200): void {
  res.status(status).set('ETag', caseEtag(c)).json({ case: c } satisfies CaseAnswer);
}

/** The report of a filing: a JSON body, or a multipart one with the report as JSON in its `case` field. */
function reportOf(req: Request): unknown {
  if (!req.is('multipart/form-data')) return req.body;
  const raw: unknown = req.body?.case;
  if (typeof raw !== 'string') throw new BadRequestError('a multipart filing needs the report as JSON in the field "case"');
  try {
    return JSON.parse(raw);
  } catch {
    throw new BadRequestError('the field "case" is not valid JSON');
  }
}

function actionOf(req: Request): CaseAction {
  const action = String(req.params.action);
  if (!(CASE_ACTIONS as readonly string[]).includes(action)) throw new NotFoundError(`no case action "${action}" (one of ${CASE_ACTIONS.join(', ')})`);
  return action as CaseAction;
}

/** `/api/cases`: filing (with photos), work queues, the case page, workflow actions, photos, categories and KPIs. */
export function createCasesRouter(deps: { reads: CaseReadService; writes: CaseService; categories: CategoryService; photos: PhotoService; uploads: Uploads }): Router {
  const { reads, writes, categories, photos, uploads } = deps;
  const router = Router();

  router.get('/', (req, res) => {
    res.json(reads.list(parseQuery(caseListQuery, req.query), req.user!));
  });

  router.post('/', uploads.photos('photos', PHOTO_LIMITS.perKind, async (req, res) => {
    const body = parseBody(newCaseBody, reportOf(req));
    const files = uploadedFiles(req);
    const prepared = files.length ? await photos.prepare(files) : [];
    const { record, created } = writes.file(body, req.user!, new Date(), { photos: prepared });
    if (created) res.location(`/api/cases/${record.id}`);
    sendCase(res, reads.detail(String(record.id), req.user!), created ? 201 : 200);
  }));

  router.get('/queues', (req, res) => {
    res.json(reads.queues(req.user!));
  });

  router.get('/duplicates', (req, res) => {
    const q = parseQuery(duplicatesQuery, req.query);
    res.json(reads.duplicates(q.category, q.lon, q.lat, req.user!));
  });

  router.get('/locate', (req, res) => {
    const q = parseQuery(pointQuery.omit({ category: true }), req.query);
    res.json(reads.locate(q.lon, q.lat));
  });

  router.get('/categories', (_req, res) => {
    res.json({ categories: categories.list() } satisfies CategoriesAnswer);
  });

  router.post('/categories', (req, res) => {
    const category = categories.create(parseBody(newCategoryBody, req.body), req.user!);
    res.status(201).location(`/api/cases/categories/${category.code}`).set('ETag', categoryEtag(category)).json({ category } satisfies CategoryAnswer);
  });

  router.put('/categories/:code', (req, res) => {
    const code = z.string().regex(CATEGORY_CODE).safeParse(req.params.code);
    if (!code.success) throw new NotFoundError(`category "${String(req.params.code)}" does not exist`);
    const category = categories.update(code.data, parseBody(categoryUpdateBody, req.body), req.user!, { ifMatch: req.get('if-match') });
    res.set('ETag', categoryEtag(category)).json({ category } satisfies CategoryAnswer);
  });

  router.get('/kpis', (req, res) => {
    res.json(reads.kpis(parseQuery(kpiQuery, req.query), req.user!));
  });

  router.post('/dispatch', (req, res) => {
    const body = parseBody(bulkDispatchBody, req.body);
    const done = writes.dispatchMany(body.ids, body.department, body.note, req.user!);
    res.json({ cases: done.map((c) => reads.detail(String(c.id), req.user!)) } satisfies DispatchAnswer);
  });

  router.use(createCasePhotosRouter(photos, uploads));

  router.get('/:id', (req, res) => {
    sendCase(res, reads.detail(String(req.params.id), req.user!));
  });

  router.post('/:id/actions/:action', (req, res) => {
    const action = actionOf(req);
    const body = parseBody(actionBodies[action], req.body) as ActionInput & { version?: number };
    const after = writes.act(String(req.params.id), action, body, req.user!, { ifMatch: req.get('if-match'), version: body.version });
    sendCase(res, reads.detail(String(after.id), req.user!));
  });

  return router;
}
