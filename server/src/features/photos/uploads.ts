import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { PHOTO_LIMITS } from '@shared/cases';
import { IMPORT_LIMITS } from '@shared/import';
import { BadRequestError, HttpError, isStorageFull } from '../../errors';
import { createWorkGate, type Release, type WorkGate } from './work-gate';

/** Where uploads wait while their request runs, and the gates of the heavy work they cause. */
export interface UploadsOptions {
  /** Folder of temporary upload files; on the same file system as the photo folders, so a stored photo is a rename. */
  dir: string;
  /** Bounds image decoding (photos) across the process. */
  imageGate: WorkGate;
  /** Bounds imports across the process. */
  importGate: WorkGate;
}

/** A route handler that runs after its upload is on disk and its work slot is taken. */
export type UploadHandler = (req: Request, res: Response) => unknown;

/** Temporary files older than this are leftovers of a stopped process. */
const STALE_MS = 60 * 60 * 1000;

function removeStale(dir: string): void {
  const cutoff = Date.now() - STALE_MS;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    const modified = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Infinity;
    if (modified < cutoff) fs.rmSync(file, { force: true });
  }
}

/** A multipart error as a 4xx naming the limit; a file-system error (e.g. a full disk: 507) passes through to the error handler. */
function uploadError(err: unknown, limits: Record<string, () => HttpError>): unknown {
  if (isStorageFull(err) || (err as { syscall?: unknown }).syscall !== undefined) return err;
  if (!(err instanceof multer.MulterError)) return err instanceof HttpError ? err : new BadRequestError(`bad multipart body: ${(err as Error).message}`);
  return limits[err.code]?.() ?? (err.code === 'LIMIT_UNEXPECTED_FILE' ? new BadRequestError(`unexpected file field "${err.field ?? ''}"`) : new BadRequestError(`bad multipart body: ${err.message}`));
}

const photoLimits: Record<string, () => HttpError> = {
  LIMIT_FILE_SIZE: () => new HttpError(413, 'photo_too_large', `a photo may have at most ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB`),
  LIMIT_FILE_COUNT: () => new HttpError(400, 'too_many_photos', `send at most ${PHOTO_LIMITS.perKind} photos at once`),
};

const importLimits: Record<string, () => HttpError> = {
  LIMIT_FILE_SIZE: () => new HttpError(413, 'payload_too_large', `an import file may have at most ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB`),
  LIMIT_UNEXPECTED_FILE: () => new BadRequestError('send one file in the multipart field "file"'),
};

const filesOf = (req: Request): Express.Multer.File[] => (Array.isArray(req.files) ? req.files : req.file ? [req.file] : []);

function removeUploads(req: Request): void {
  for (const f of filesOf(req)) fs.rmSync(f.path, { force: true });
}

const run = (middleware: RequestHandler, req: Request, res: Response) =>
  new Promise<void>((resolve, reject) => {
    void middleware(req, res, (err?: unknown) => (err ? reject(err as Error) : resolve()));
  });

/**
 * Upload handling shared by the photo and import routes: multipart files go to temporary files
 * on disk (never into memory, whatever the number of parallel uploads), the work they cause
 * waits for a slot of its gate (503 with Retry-After when the queue is full), and the temporary
 * files are removed before the answer is sent, on success and on failure.
 */
export function createUploads(options: UploadsOptions) {
  const { dir, imageGate, importGate } = options;
  fs.mkdirSync(dir, { recursive: true });
  removeStale(dir);
  const storage = multer.diskStorage({
    destination: (_req, _file, cb) => fs.mkdir(dir, { recursive: true }, (err) => cb(err ?? null, dir)),
    filename: (_req, _file, cb) => cb(null, `${randomBytes(16).toString('hex')}.upload`),
  });

  function guarded(parse: RequestHandler, limits: Record<string, () => HttpError>, gateOf: (req: Request) => WorkGate | undefined, handler: UploadHandler): RequestHandler {
    return async (req, res, next) => {
      res.once('close', () => removeUploads(req));
      let release: Release | undefined;
      let failure: unknown;
      try {
        await run(parse, req, res).catch((err: unknown) => {
          throw uploadError(err, limits);
        });
        release = await gateOf(req)?.acquire();
        if (!res.destroyed) await handler(req, res);
      } catch (err) {
        failure = err;
      } finally {
        release?.();
        removeUploads(req);
      }
      if (failure !== undefined) next(failure);
    };
  }

  return {
    /** The temporary folder. */
    dir,
    /**
     * A photo route: up to `maxCount` files of `field` (within `PHOTO_LIMITS`) on disk, then
     * `handler` within a slot of the image gate (only when files came; other bodies pass untouched).
     */
    photos(field: string, maxCount: number, handler: UploadHandler): RequestHandler {
      const parse = multer({ storage, limits: { fileSize: PHOTO_LIMITS.maxBytes, files: maxCount, fields: 10, fieldSize: 64 * 1024, parts: 20 } }).array(field, maxCount);
      return guarded(parse, photoLimits, (req) => (filesOf(req).length > 0 ? imageGate : undefined), handler);
    },
    /** An import route: one file in `file` (up to `IMPORT_LIMITS.maxBytes`) on disk, then `handler` within a slot of the import gate. */
    importFile(handler: UploadHandler): RequestHandler {
      const parse = multer({ storage, defParamCharset: 'utf8', limits: { fileSize: IMPORT_LIMITS.maxBytes, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 } }).single('file');
      return guarded(parse, importLimits, () => importGate, handler);
    },
  };
}

/** The upload handling's interface. */
export type Uploads = ReturnType<typeof createUploads>;

/** Paths of the uploaded files of a request, in the order sent. */
export const uploadedFiles = (req: Request): string[] => filesOf(req).map((f) => f.path);

/** Default bounds of upload work across the process. */
export const UPLOAD_LIMITS = {
  /** Images decoded at once (sharp; each holds libuv and libvips threads, so sign-ins keep theirs). */
  imageConcurrency: 2,
  /** Photo uploads waiting for an image slot; past it 503 + Retry-After. */
  imageQueue: 8,
  /** Imports parsed and validated at once. */
  importConcurrency: 1,
  /** Imports waiting; past it 503 + Retry-After. */
  importQueue: 4,
  /** Seconds a refused client is asked to wait. */
  retryAfterSeconds: 2,
} as const;

/** Seams of the upload handling for `createApp`: gates with other bounds (tests set them to 1). */
export interface UploadDeps {
  imageGate?: WorkGate;
  importGate?: WorkGate;
}

/** The upload handling of an app, with temporary files in `<uploadDir>/.incoming` and the default gates unless given. */
export function createAppUploads(uploadDir: string, deps: UploadDeps = {}): Uploads {
  const { retryAfterSeconds } = UPLOAD_LIMITS;
  return createUploads({
    dir: path.join(uploadDir, '.incoming'),
    imageGate: deps.imageGate ?? createWorkGate({ concurrency: UPLOAD_LIMITS.imageConcurrency, queue: UPLOAD_LIMITS.imageQueue, retryAfterSeconds, work: 'photos' }),
    importGate: deps.importGate ?? createWorkGate({ concurrency: UPLOAD_LIMITS.importConcurrency, queue: UPLOAD_LIMITS.importQueue, retryAfterSeconds, work: 'imports' }),
  });
}
