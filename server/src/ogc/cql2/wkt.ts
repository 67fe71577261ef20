import type { Geometry, Position } from 'geojson';
import { filterError, type Budget } from './raw';
import type { TextParser } from './text-parser';

/** WKT geometry keywords CQL2 text accepts. */
export const WKT_TYPES = new Set(['POINT', 'LINESTRING', 'POLYGON', 'MULTIPOINT', 'MULTILINESTRING', 'MULTIPOLYGON', 'GEOMETRYCOLLECTION']);

function position(p: TextParser, budget: Budget): Position {
  budget.position();
  const pos = [p.number(), p.number()];
  if (p.peek().type === 'number') pos.push(p.number());
  return pos;
}

function list<T>(p: TextParser, depth: number, budget: Budget, item: () => T): T[] {
  budget.depth(depth);
  p.expect('(');
  const items = [item()];
  while (p.accept(',')) items.push(item());
  p.expect(')');
  return items;
}

/** Reads one WKT geometry (2D, or 3D with its third ordinate ignored later) at the parser's position. */
export function readWkt(p: TextParser, budget: Budget, depth: number): Geometry {
  const t = p.next();
  const type = t.type === 'ident' ? t.upper : '';
  p.accept('Z');
  const d = depth + 1;
  const points = () => list(p, d, budget, () => position(p, budget));
  const rings = () => list(p, d + 1, budget, points);
  switch (type) {
    case 'POINT': {
      const [only, ...more] = list(p, d, budget, () => position(p, budget));
      if (more.length) throw filterError('a POINT has one position');
      return { type: 'Point', coordinates: only! };
    }
    case 'LINESTRING': return { type: 'LineString', coordinates: points() };
    case 'POLYGON': return { type: 'Polygon', coordinates: rings() };
    case 'MULTIPOINT':
      return {
        type: 'MultiPoint',
        coordinates: list(p, d, budget, () => (p.peek().type === 'punct' ? list(p, d + 1, budget, () => position(p, budget))[0]! : position(p, budget))),
      };
    case 'MULTILINESTRING': return { type: 'MultiLineString', coordinates: rings() };
    case 'MULTIPOLYGON': return { type: 'MultiPolygon', coordinates: list(p, d + 2, budget, rings) };
    case 'GEOMETRYCOLLECTION': return { type: 'GeometryCollection', geometries: list(p, d, budget, () => readWkt(p, budget, d)) };
    default: throw filterError(`unknown geometry type ${JSON.stringify(type)}`);
  }
}
