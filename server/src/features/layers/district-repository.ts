import type { Db } from '../../db/database';
import { DISTRICT_BOUNDARY_LAYER } from './district';

/** The one read the district check makes per call: the boundary layer's version (portable SQL, both engines). */
export function createDistrictRepository(db: Db) {
  const version = db.prepare<[string], number>('SELECT version FROM layers WHERE id = ?').pluck();
  return {
    /** The boundary layer's version (bumped by trigger on every write to its features), or undefined without the layer. */
    version(): number | undefined {
      return version.get(DISTRICT_BOUNDARY_LAYER);
    },
  };
}
