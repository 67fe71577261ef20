import type { Role, SessionUser } from '@shared/auth';
import { OPEN_STATES, PHOTO_LIMITS, type CasePhoto, type PhotoKind } from '@shared/cases';
import type { Db } from '../../db/database';
import { BadRequestError, HttpError, NotFoundError } from '../../errors';
import type { AuditRepository } from '../audit';
import type { Calendar } from '../calendar';
import type { CaseRecord, CaseRepository } from './case-repository';
import { canSee } from './case-view';
import { type PhotoFile, fileHead, preparePhoto, readPlace, sniffImageType, type PhotoPlace, type PreparedPhoto } from '../photos';
import type { PhotoFileNames, PhotoFiles } from './photo-files';
import type { PhotoRecord, PhotoRepository } from './photo-repository';

/** Who may add photos of each kind, and in which states; `reporterOnly` roles add them only to the cases they reported. */
const UPLOAD_RULES: Readonly<Record<PhotoKind, { roles: readonly Role[]; reporterOnly?: readonly Role[]; states: readonly CaseRecord['state'][] }>> = {
  before: { roles: ['admin', 'inspector', 'supervisor'], reporterOnly: ['inspector', 'supervisor'], states: OPEN_STATES },
  after: { roles: ['admin', 'handler'], states: ['handling'] },
};

/** The public view of a stored photo, with the URLs that stream it. */
export function photoView(p: PhotoRecord): CasePhoto {
  const url = `/api/cases/${p.caseId}/photos/${p.id}`;
  return {
    id: p.id, kind: p.kind, mime: p.mime, bytes: p.bytes, width: p.width, height: p.height, takenAt: p.takenAt, lon: p.lon, lat: p.lat,
    sha256: p.sha256, uploadedAt: p.createdAt, demo: p.demo, url, thumbUrl: `${url}/thumb`,
  };
}

/**
 * Case photos: checks and processes uploads (type by magic bytes, EXIF place,
 * thumbnail), keeps the originals under the upload folder with metadata in
 * SQLite, and finds them again for streaming.
 */
export function createPhotoService(deps: { db: Db; cases: CaseRepository; photos: PhotoRepository; files: PhotoFiles; audit: AuditRepository; calendar: Calendar }) {
  const { db, cases, photos, files, audit, calendar } = deps;
  const offsetMinutes = () => calendar.load().offsetMinutes;

  function visibleCase(ref: string, actor: Pick<SessionUser, 'role' | 'department'>): CaseRecord {
    const c = /^\d{1,12}$/.test(ref) ? cases.get(Number(ref)) : undefined;
    if (!c || !canSee(actor, c)) throw new NotFoundError(`case "${ref}" does not exist`);
    return c;
  }

  function checkRoom(caseId: number, kind: PhotoKind, adding: number): void {
    if (adding < 1) throw new BadRequestError('send 1 to 5 image files in the "photos" field');
    const have = photos.count(caseId, kind);
    if (have + adding > PHOTO_LIMITS.perKind) {
      throw new HttpError(400, 'too_many_photos', `a case holds at most ${PHOTO_LIMITS.perKind} "${kind}" photos (it has ${have}; ${adding} sent)`);
    }
  }

  /** Writes prepared photos of a case and stores their rows (call inside the write's transaction). */
  function store(caseId: number, kind: PhotoKind, prepared: readonly PreparedPhoto[], userId: number | null, at: string): PhotoRecord[] {
    checkRoom(caseId, kind, prepared.length);
    const written: PhotoFileNames[] = [];
    try {
      const ids = prepared.map((p) => {
        const names = files.write(caseId, p);
        written.push(names);
        return photos.insert({
          caseId, kind, mime: p.mime, bytes: p.bytes, width: p.width, height: p.height, takenAt: p.takenAt, lon: p.lon, lat: p.lat,
          sha256: p.sha256, ...names, userId, demo: false, createdAt: at,
        });
      });
      return ids.map((id) => photos.get(caseId, id)!);
    } catch (err) {
      files.discard(caseId, written);
      throw err;
    }
  }

  async function prepare(uploads: readonly string[]): Promise<PreparedPhoto[]> {
    const out: PreparedPhoto[] = [];
    for (const file of uploads) out.push(await preparePhoto(file, offsetMinutes()));
    return out;
  }

  return {
    store,
    /** Checks and processes uploaded files (temporary paths) one after another; a file that is not a readable JPEG, PNG or WebP fails all (415). */
    prepare,

    /**
     * Adds photos to a case the actor can see: "before" photos by its reporter (or an admin) while the case is open,
     * "after" photos by its department's handler while it is being handled.
     */
    async add(ref: string, kind: PhotoKind, uploads: readonly string[], actor: SessionUser, now = new Date()): Promise<CasePhoto[]> {
      const c = visibleCase(ref, actor);
      const rule = UPLOAD_RULES[kind];
      if (!rule.roles.includes(actor.role)) throw new HttpError(403, 'forbidden', `role "${actor.role}" may not add "${kind}" photos`);
      if (!rule.states.includes(c.state)) throw new HttpError(409, 'invalid_state', `"${kind}" photos can be added only while a case is ${rule.states.join(', ')} (it is ${c.state})`);
      if (rule.reporterOnly?.includes(actor.role) && c.reporterId !== actor.id) throw new HttpError(403, 'not_reporter', `only the reporter of case ${c.number} may add "${kind}" photos to it`);
      checkRoom(c.id, kind, uploads.length);
      const prepared = await prepare(uploads);
      const at = now.toISOString();
      const stored = db.transaction(() => {
        const records = store(c.id, kind, prepared, actor.id, at);
        audit.record({ userId: actor.id, username: actor.username, action: 'photo', entity: 'case', entityId: c.number, summary: { kind, photos: records.map((r) => r.id) } }, at);
        return records;
      })();
      return stored.map(photoView);
    },

    /** The photos of a case, in upload order. */
    list: (caseId: number): CasePhoto[] => photos.list(caseId).map(photoView),

    /** The file of a photo (or its thumbnail) of a case the actor can see; 404 otherwise. */
    file(ref: string, photoRef: string, thumb: boolean, actor: Pick<SessionUser, 'role' | 'department'>): PhotoFile {
      const c = visibleCase(ref, actor);
      const p = /^\d{1,12}$/.test(photoRef) ? photos.get(c.id, Number(photoRef)) : undefined;
      if (!p) throw new NotFoundError(`photo "${photoRef}" of case "${ref}" does not exist`);
      return { path: files.pathOf(p, thumb), mime: thumb ? 'image/jpeg' : p.mime, sha256: thumb ? `${p.sha256}-thumb` : p.sha256 };
    },

    /** The EXIF GPS position and time of an uploaded image (415 when it is not a JPEG, PNG or WebP). */
    async exif(file: string): Promise<PhotoPlace> {
      if (!sniffImageType(await fileHead(file))) throw new HttpError(415, 'unsupported_media_type', 'send a JPEG photo (PNG and WebP are read too)');
      return readPlace(file, offsetMinutes());
    },
  };
}

/** The photo service's interface. */
export type PhotoService = ReturnType<typeof createPhotoService>;
