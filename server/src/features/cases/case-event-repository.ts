import { isPostgres, type Db } from '../../db/database';
import type { Role } from '@shared/auth';
import type { CaseEventAction, CaseEventView, CaseState } from '@shared/cases';
import { chunksOf, valuesList } from './bulk-sql';

/** A timeline entry to append. */
export interface NewCaseEvent {
  caseId: number;
  at: string;
  userId: number | null;
  action: CaseEventAction;
  from: CaseState | null;
  to: CaseState;
  note: string | null;
  data: Record<string, unknown>;
}

interface EventRow {
  id: number;
  at: string;
  action: CaseEventAction;
  from_state: CaseState | null;
  to_state: CaseState;
  note: string | null;
  data: string;
  user_id: number | null;
  username: string | null;
  display_name: string | null;
  role: Role | null;
}

/** SQL access to the append-only `case_events` (triggers refuse UPDATE and DELETE). */
export function createCaseEventRepository(db: Db) {
  const insert = db.prepare('INSERT INTO case_events (case_id, at, user_id, action, from_state, to_state, note, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const ofCase = db.prepare<[number], EventRow>(`
    SELECT e.id, e.at, e.action, e.from_state, e.to_state, e.note, e.data, e.user_id, u.username, u.display_name, u.role
    FROM case_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.case_id = ? ORDER BY e.id`);
  const actionsOf = isPostgres(db) ? 'SELECT jsonb_array_elements_text(CAST(? AS jsonb))' : 'SELECT value FROM json_each(?)';
  const lastOf = db.prepare<[number, string], string>(`SELECT at FROM case_events WHERE case_id = ? AND action IN (${actionsOf}) ORDER BY id DESC LIMIT 1`).pluck();

  return {
    /** Appends an entry (call inside the write's transaction). */
    append(e: NewCaseEvent): void {
      insert.run(e.caseId, e.at, e.userId, e.action, e.from, e.to, e.note, JSON.stringify(e.data));
    },
    /** Appends many entries in order with a few multi-row statements (a generated history). */
    appendMany(list: readonly NewCaseEvent[]): void {
      for (const chunk of chunksOf(list, 8)) {
        db.prepare(`INSERT INTO case_events (case_id, at, user_id, action, from_state, to_state, note, data) VALUES ${valuesList(chunk.length, 8)}`)
          .run(...chunk.flatMap((e) => [e.caseId, e.at, e.userId, e.action, e.from, e.to, e.note, JSON.stringify(e.data)]));
      }
    },
    /** The time of a case's latest event with one of the actions, or undefined. */
    lastAt: (caseId: number, actions: readonly CaseEventAction[]): string | undefined => lastOf.get(caseId, JSON.stringify(actions)),
    /** A case's timeline, oldest first. */
    list(caseId: number): CaseEventView[] {
      return ofCase.all(caseId).map((r) => ({
        id: r.id, at: r.at, action: r.action, from: r.from_state, to: r.to_state, note: r.note,
        data: JSON.parse(r.data) as Record<string, unknown>,
        user: r.user_id !== null && r.username !== null ? { id: r.user_id, username: r.username, displayName: r.display_name ?? r.username, role: r.role! } : null,
      }));
    },
  };
}

/** The case event repository's interface. */
export type CaseEventRepository = ReturnType<typeof createCaseEventRepository>;
