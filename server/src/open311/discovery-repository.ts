import type { Db } from '../db/database';

/** SQL behind the discovery document: when the service list last changed. */
export function createDiscoveryRepository(db: Db) {
  const lastChange = db.prepare<[], { at: string | null }>('SELECT max(updated_at) AS at FROM case_categories');
  return {
    /** The latest `updated_at` of the case categories (the GeoReport services), or undefined when there are none. */
    servicesChangedAt: (): string | undefined => lastChange.get()?.at ?? undefined,
  };
}
