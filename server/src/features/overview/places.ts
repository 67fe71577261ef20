import * as turf from '@turf/turf';
import type { Feature, Geometry } from 'geojson';
import type { OverviewCommunity, RenovationItem } from '@shared/overview';
import { areaContaining } from '@shared/point-in-area';
import type { FeatureRepository } from '../layers';

/** The layers the overview reads its places from. */
export const COMMUNITIES_LAYER = 'communities';
const RENOVATION_LAYERS = ['alley-renovations', 'courtyard-buildings'] as const;

/** Progress of a project without a `progress_pct`, from its status. */
const STATUS_PROGRESS: Record<string, number> = { planned: 0, under_construction: 50, completed: 100, accepted: 100 };

type Props = Record<string, unknown>;

function featuresOf(repo: FeatureRepository, layerId: string): Feature<Geometry, Props>[] {
  return repo.query({ layerId, limit: 10_000, offset: 0 }).rows.map((r) => ({
    type: 'Feature', id: r.id, geometry: JSON.parse(r.geometry) as Geometry, properties: JSON.parse(r.properties) as Props,
  }));
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const count = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The communities and the renovation projects of the district, with a community for each project. */
export function readPlaces(repo: FeatureRepository): { communities: OverviewCommunity[]; polygons: Feature<Geometry, Props>[]; renovation: RenovationItem[] } {
  const polygons = featuresOf(repo, COMMUNITIES_LAYER).filter((f) => text(f.properties.code));
  const communities = polygons.map((f): OverviewCommunity => {
    const zh = text(f.properties.name) ?? String(f.properties.code);
    const [lon, lat] = turf.pointOnFeature(f).geometry.coordinates as [number, number];
    return { code: String(f.properties.code), name: { zh, en: text(f.properties.name_en) ?? zh }, center: [lon, lat], bbox: turf.bbox(f) as OverviewCommunity['bbox'] };
  });
  const renovation = RENOVATION_LAYERS.flatMap((layerId) => featuresOf(repo, layerId).map((f): RenovationItem => {
    const [lon, lat] = turf.pointOnFeature(f).geometry.coordinates as [number, number];
    const inside = areaContaining([lon, lat], polygons);
    const status = text(f.properties.status) ?? 'planned';
    const pct = f.properties.progress_pct;
    const zh = text(f.properties.name) ?? String(f.id);
    return {
      layerId, name: { zh, en: text(f.properties.name_en) ?? zh }, status,
      progressPct: typeof pct === 'number' ? pct : STATUS_PROGRESS[status] ?? 0,
      households: count(f.properties.households), floorAreaM2: count(f.properties.area_m2),
      community: inside ? String(inside.properties.code) : null, lon, lat,
    };
  }));
  return { communities, polygons, renovation };
}
