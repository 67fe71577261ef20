import type { CaseCategory, Department } from '@shared/cases';
import { DEPARTMENTS } from '@shared/auth';
import type { Db } from '../../../db/database';
import { createUserRepository } from '../../auth';
import { createFeatureRepository, createLayerRepository } from '../../layers';
import { createCalendarFeature, type WorkingTime } from '../../calendar';
import { caseClock } from '../case-clock';
import { createCaseEventRepository } from '../case-event-repository';
import { createCaseLayerWriter } from '../case-layer';
import { createCaseLocator } from '../case-location';
import { createCaseRepository, type CaseRecord, type NewCase } from '../case-repository';
import { createCategoryRepository } from '../category-repository';
import { createPhotoFiles } from '../photo-files';
import { createPhotoRepository } from '../photo-repository';
import { ensureDemoPictures, type DemoPicture } from './demo-photos';
import { demoCells, demoDays, pointIn, type DemoCell } from './demo-places';
import {
  CATEGORY_WEIGHTS, DEMO_REGISTERED, DEMO_REJECTED, DEMO_SEED, DEMO_YEAR, LATE_SHARE, POSTPONE_SHARE, REWORK_SHARE, SEASONAL,
} from './demo-plan';
import { runTimeline, type DemoActor, type DemoActors, type DemoCase } from './demo-timeline';
import { createPrng } from './prng';

/** What a demo-history run did. */
export interface DemoHistorySummary {
  /** False when demo cases (or cases of the demo year) were there already: nothing was added. */
  created: boolean;
  registered: number;
  rejected: number;
  events: number;
  photos: number;
  ms: number;
}

/** The demo accounts of each step; throws when one is missing. */
export function demoActors(db: Db): DemoActors {
  const users = createUserRepository(db);
  const actor = (username: string): DemoActor => {
    const u = users.findByUsername(username);
    if (!u) throw new Error(`the demo history needs the demo account "${username}": seed the demo accounts first`);
    return { id: u.id, role: u.role, department: u.department };
  };
  return {
    inspector: actor('inspector'), supervisor: actor('supervisor'), dispatcher: actor('dispatcher'),
    handlers: Object.fromEntries(DEPARTMENTS.map((d) => [d, actor(d)])) as Record<Department, DemoActor>,
  };
}

/**
 * Generates the demo year deterministically: 2,734 registered cases, all closed,
 * and 144 rejected reports, each run through the state machine. Pure given its inputs.
 */
export function generateHistory(input: { categories: readonly CaseCategory[]; cells: readonly DemoCell[]; actors: DemoActors; time: WorkingTime; offsetMinutes: number }): DemoCase[] {
  const { categories, cells, actors, time } = input;
  const rng = createPrng(DEMO_SEED);
  const days = demoDays(time, input.offsetMinutes);
  const total = DEMO_REGISTERED + DEMO_REJECTED;
  const reports = Array.from({ length: total }, () => {
    const day = rng.weighted(days, days.map((d) => d.weight));
    return new Date(Math.floor(time.addWorking(day.start, rng.between(1, time.dayMinutes - 15) / 60, 'wh').getTime() / 1000) * 1000);
  }).sort((a, b) => a.getTime() - b.getTime());
  const rejected = new Set(rng.sample(total, DEMO_REJECTED));
  const registered = [...Array(total).keys()].filter((i) => !rejected.has(i));
  const pickOf = (share: number) => new Set(rng.sample(registered.length, Math.round(DEMO_REGISTERED * share)).map((i) => registered[i]!));
  const [late, rework, postpone] = [pickOf(LATE_SHARE), pickOf(REWORK_SHARE), pickOf(POSTPONE_SHARE)];
  const cellWeights = cells.map((c) => c.weight);

  return reports.map((at, i) => {
    const month = Number(new Date(at.getTime() + input.offsetMinutes * 60_000).toISOString().slice(5, 7));
    const category = rng.weighted(categories, categories.map((c) => (CATEGORY_WEIGHTS[c.code] ?? 1) * (SEASONAL[c.code]?.[month] ?? 1)));
    const cell = rng.weighted(cells, cellWeights);
    const [lon, lat] = pointIn(cell, rng);
    const place = cell.street ?? cell.communityName;
    const draft: NewCase = {
      number: `QB${DEMO_YEAR}-${String(i + 1).padStart(6, '0')}`, categoryCode: category.code,
      description: `${place}${rng.pick(['附近', '路段', '一带'])}${rng.pick(['发现', '有'])}${category.name.zh}`,
      lon, lat, address: cell.street, communityCode: cell.communityCode, communityName: cell.communityName, gridCode: cell.code,
      state: 'reported', department: null, reportedAt: at.toISOString(), registeredAt: null, dispatchedAt: null, acceptedAt: null,
      feedbackAt: null, closedAt: null, deadline: null, postponed: false, reworkCount: 0, reporterId: actors.inspector.id,
      channel: 'inspector', contact: null, idempotencyKey: null, duplicateOf: null, demo: true,
    };
    const outcome = { rejected: rejected.has(i), late: late.has(i), rework: rework.has(i), postpone: postpone.has(i) };
    return runTimeline(draft, category, outcome, actors, rng, time);
  });
}

/** Stores the generated history in one transaction; false (nothing stored) when another process stored one meanwhile. */
function store(db: Db, generated: readonly DemoCase[], pictures: Record<'before' | 'after', DemoPicture>, time: WorkingTime): boolean {
  const cases = createCaseRepository(db);
  const events = createCaseEventRepository(db);
  const photos = createPhotoRepository(db);
  const categories = new Map(createCategoryRepository(db).list().map((c) => [c.code, c]));
  const layer = createCaseLayerWriter({ layers: createLayerRepository(db), features: createFeatureRepository(db) });
  const now = new Date();
  // each table in a few multi-row statements (on PostgreSQL a statement is a round trip); ids keep the cases' order
  return db.transaction(() => {
    // checked again inside the write: on PostgreSQL another process may have seeded since the first look
    if (cases.countDemoOrYear(DEMO_YEAR) > 0) return false;
    const ids = cases.insertMany(generated.map((d) => ({ c: d.record, now: d.events.at(-1)!.at, version: d.version })));
    events.appendMany(generated.flatMap((d, i) => d.events.map((e) => ({ caseId: ids[i]!, ...e }))));
    photos.insertMany(generated.flatMap((d, i) => d.photos.map((p) => {
      const pic = pictures[p.kind];
      return {
        caseId: ids[i]!, kind: p.kind, mime: 'image/jpeg' as const, bytes: pic.bytes, width: pic.width, height: pic.height, takenAt: null, lon: null, lat: null,
        sha256: pic.sha256, fileName: pic.fileName, thumbName: pic.thumbName, userId: p.userId, demo: true, createdAt: p.at,
      };
    })));
    const stored = generated.map((d, i): CaseRecord => ({ ...d.record, id: ids[i]!, version: d.version, featureId: null, updatedAt: d.events.at(-1)!.at }));
    const featureIds = layer.insertMany(stored.map((c) => ({ c, category: categories.get(c.categoryCode), clock: caseClock(c, now, time) })), now.toISOString());
    cases.setFeatureIds(ids.map((id, i) => [id, featureIds[i]!] as const));
    return true;
  })();
}

/**
 * Adds the demo history of 2011 (labelled demo) to a database that has the case
 * catalogue, the calendar, the district layers and the demo accounts — in one
 * transaction. Idempotent: when demo cases or cases numbered in 2011 exist, it adds nothing.
 */
export async function seedDemoHistory(db: Db, options: { uploadDir: string }): Promise<DemoHistorySummary> {
  const started = performance.now();
  const none = { created: false, registered: 0, rejected: 0, events: 0, photos: 0, ms: 0 };
  if (createCaseRepository(db).countDemoOrYear(DEMO_YEAR) > 0) return none;
  const categories = createCategoryRepository(db).list().filter((c) => c.active);
  const features = createFeatureRepository(db);
  const cells = demoCells(features, createCaseLocator(features));
  if (!categories.length || !cells.length) throw new Error('the demo history needs the case catalogue and the grid cells: seed the district first');
  const { time, offsetMinutes } = createCalendarFeature({ db }).load();
  const generated = generateHistory({ categories, cells, actors: demoActors(db), time, offsetMinutes });
  const pictures = await ensureDemoPictures(createPhotoFiles(options.uploadDir).demoDir);
  if (!store(db, generated, pictures, time)) return none;
  return {
    created: true,
    registered: generated.filter((d) => d.record.state !== 'rejected').length,
    rejected: generated.filter((d) => d.record.state === 'rejected').length,
    events: generated.reduce((n, d) => n + d.events.length, 0),
    photos: generated.reduce((n, d) => n + d.photos.length, 0),
    ms: Math.round(performance.now() - started),
  };
}
