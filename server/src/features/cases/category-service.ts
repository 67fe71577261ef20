import type { SessionUser } from '@shared/auth';
import type { CaseCategory, categoryUpdateBody, newCategoryBody } from '@shared/cases';
import type { Db } from '../../db/database';
import { BadRequestError, HttpError, NotFoundError } from '../../errors';
import type { AuditRepository } from '../audit';
import type { CategoryInput, CategoryRepository } from './category-repository';
import type { z } from 'zod';

/** The strong ETag of a category version. */
export const categoryEtag = (c: Pick<CaseCategory, 'code' | 'version'>) => `"category-${c.code}-${c.version}"`;

function checkPrecondition(c: CaseCategory, ifMatch: string | undefined): void {
  if (ifMatch === undefined) return;
  const tags = ifMatch.split(',').map((t) => t.trim());
  if (tags.includes('*') || tags.includes(categoryEtag(c))) return;
  throw new HttpError(412, 'precondition_failed', `category ${c.code} was changed by someone else (now version ${c.version}); reload it and try again`, { version: c.version });
}

/** The next free minor-class code of a major class (`C07-04` after `C07-03`), or undefined when all 99 are taken. */
export function nextMinorCode(majorCode: string, taken: readonly string[]): string | undefined {
  const used = new Set(taken);
  for (let n = 1; n <= 99; n++) {
    const code = `${majorCode}-${String(n).padStart(2, '0')}`;
    if (!used.has(code)) return code;
  }
  return undefined;
}

/** Reads, edits and extends the category catalogue; every write is one transaction with its audit entry. */
export function createCategoryService(deps: { db: Db; categories: CategoryRepository; audit: AuditRepository }) {
  const { db, categories, audit } = deps;

  return {
    /** Every category in catalogue order. */
    list: (): CaseCategory[] => categories.list(),
    /**
     * Changes a category's names, time limit, department, duplicate radius or use (`active`);
     * cases already dispatched keep their deadlines. With `ifMatch`, a stale ETag answers 412.
     */
    update(code: string, body: z.infer<typeof categoryUpdateBody>, actor: SessionUser, options: { ifMatch?: string; now?: Date } = {}): CaseCategory {
      return db.transaction(() => {
        const before = categories.get(code);
        if (!before) throw new NotFoundError(`category "${code}" does not exist`);
        checkPrecondition(before, options.ifMatch);
        const after: CaseCategory = { ...before, ...body };
        const at = (options.now ?? new Date()).toISOString();
        categories.update(after, at);
        const changed = Object.fromEntries(Object.keys(body).map((k) => [k, [before[k as keyof CaseCategory], after[k as keyof CaseCategory]]]));
        audit.record({ userId: actor.id, username: actor.username, action: 'update', entity: 'case-category', entityId: code, summary: { changed } }, at);
        return categories.get(code)!;
      })();
    },
    /**
     * Adds a district extension minor class to an extension major class (扩展部件 of the CJ/T 214
     * component and event classification). A major class of the standard catalogue answers 400, a taken code 409.
     */
    create(body: z.infer<typeof newCategoryBody>, actor: SessionUser, now = new Date()): CaseCategory {
      return db.transaction(() => {
        const major = categories.major(body.majorCode);
        if (!major) throw new BadRequestError(`major class "${body.majorCode}" does not exist`, [{ field: 'majorCode', message: 'no such major class' }]);
        if (!major.extension) {
          throw new BadRequestError(`major class ${body.majorCode} belongs to the standard catalogue; only extension classes take new categories`,
            [{ field: 'majorCode', message: 'not an extension class' }]);
        }
        const taken = categories.codesOf(body.majorCode);
        const code = body.code ?? nextMinorCode(body.majorCode, taken);
        if (!code) throw new HttpError(409, 'category_exists', `major class ${body.majorCode} has no free minor code left`, [{ field: 'majorCode', message: 'full' }]);
        if (taken.includes(code)) throw new HttpError(409, 'category_exists', `category ${code} already exists`, [{ field: 'code', message: 'already exists' }]);
        const input: CategoryInput = {
          code, family: major.family, major: major.major, name: body.name, timeLimit: body.timeLimit, department: body.department,
          duplicateRadiusM: body.duplicateRadiusM, extension: true, active: true, demo: false,
        };
        const at = now.toISOString();
        categories.insert(input, at);
        const created = categories.get(code)!;
        audit.record({ userId: actor.id, username: actor.username, action: 'create', entity: 'case-category', entityId: code, summary: { after: created } }, at);
        return created;
      })();
    },
  };
}

/** The category service's interface. */
export type CategoryService = ReturnType<typeof createCategoryService>;
