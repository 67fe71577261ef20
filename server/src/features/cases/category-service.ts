import type { SessionUser } from '../../contracts/auth';
import type { CaseCategory, categoryUpdateBody } from '../../contracts/cases';
import type { Db } from '../../db/database';
import { NotFoundError } from '../../errors';
import type { AuditRepository } from '../audit/audit-repository';
import type { CategoryRepository } from './category-repository';
import type { z } from 'zod';

/** Reads and edits the category catalogue (edits are audited). */
export function createCategoryService(deps: { db: Db; categories: CategoryRepository; audit: AuditRepository }) {
  const { db, categories, audit } = deps;

  return {
    /** Every category in catalogue order. */
    list: (): CaseCategory[] => categories.list(),
    /** Changes a category's names, time limit, department, duplicate radius or use; cases already dispatched keep their deadlines. */
    update(code: string, body: z.infer<typeof categoryUpdateBody>, actor: SessionUser, now = new Date()): CaseCategory {
      return db.transaction(() => {
        const before = categories.get(code);
        if (!before) throw new NotFoundError(`category "${code}" does not exist`);
        const after: CaseCategory = { ...before, ...body };
        const at = now.toISOString();
        categories.update(after, at);
        const changed = Object.fromEntries(Object.keys(body).map((k) => [k, [before[k as keyof CaseCategory], after[k as keyof CaseCategory]]]));
        audit.record({ userId: actor.id, username: actor.username, action: 'update', entity: 'case-category', entityId: code, summary: { changed } }, at);
        return categories.get(code)!;
      })();
    },
  };
}

/** The category service's interface. */
export type CategoryService = ReturnType<typeof createCategoryService>;
