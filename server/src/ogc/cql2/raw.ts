import type { Geometry } from 'geojson';
import { BadRequestError } from '../../errors';

/**
 * A filter as written, before it is checked against the collection: what both the text and the
 * JSON parser produce (shaped like CQL2 JSON: an operator and its arguments).
 */
export type RawNode =
  | { kind: 'op'; op: string; args: RawNode[] }
  | { kind: 'property'; name: string }
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'date' | 'timestamp'; value: string }
  | { kind: 'interval'; start: RawNode; end: RawNode }
  | { kind: 'geometry'; geometry: Geometry }
  | { kind: 'bbox'; bbox: number[] }
  | { kind: 'list'; items: RawNode[] };

/** Bounds on a filter, checked while it is read so that a hostile one costs little before it is refused. */
export const CQL2_LIMITS = {
  /** Characters of the `filter` parameter. */
  maxLength: 8_192,
  /** Operators, operands and list items. */
  maxNodes: 200,
  /** Nesting of operators, parentheses, lists and geometries. */
  maxDepth: 20,
  /** Coordinate positions of every geometry literal together. */
  maxPositions: 10_000,
} as const;

/** A 400 about the `filter` parameter. */
export function filterError(message: string): BadRequestError {
  return new BadRequestError(`filter: ${message}`, { parameter: 'filter' });
}

/** Counts what a parser builds and refuses a filter as soon as it passes a limit. */
export class Budget {
  private nodes = 0;
  private positions = 0;

  /** Counts one node. */
  node(): void {
    if (++this.nodes > CQL2_LIMITS.maxNodes) throw filterError(`more than ${CQL2_LIMITS.maxNodes} operators and operands`);
  }

  /** Counts one coordinate position. */
  position(): void {
    if (++this.positions > CQL2_LIMITS.maxPositions) throw filterError(`geometries with more than ${CQL2_LIMITS.maxPositions} positions`);
  }

  /** Checks a nesting depth. */
  depth(d: number): void {
    if (d > CQL2_LIMITS.maxDepth) throw filterError(`nested deeper than ${CQL2_LIMITS.maxDepth} levels`);
  }
}
