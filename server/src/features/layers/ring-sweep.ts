import type { Position } from 'geojson';

/** A segment between two vertices of a ring, `a` lexicographically before `b`. */
interface Segment {
  id: number;
  ring: number;
  /** Index of the segment in its ring, and the ring's number of segments. */
  index: number;
  count: number;
  /** Its node while in the sweep-line status. */
  node?: TreeNode;
  ax: number;
  ay: number;
  bx: number;
  by: number;
  slope: number;
}

interface TreeNode {
  seg: Segment;
  priority: number;
  parent: TreeNode | null;
  left: TreeNode | null;
  right: TreeNode | null;
}

/** Where the sweep found rings crossing or touching. */
export interface RingContact {
  at: [number, number];
}

const before = (ax: number, ay: number, bx: number, by: number) => ax < bx || (ax === bx && ay < by);

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
}

function within(a: number, b: number, c: number): boolean {
  return Math.min(a, b) <= c && c <= Math.max(a, b);
}

function onSegment(s: Segment, x: number, y: number): boolean {
  return orient(s.ax, s.ay, s.bx, s.by, x, y) === 0 && within(s.ax, s.bx, x) && within(s.ay, s.by, y);
}

/** A point two segments share, or undefined when they are disjoint. */
function meeting(s: Segment, t: Segment): [number, number] | undefined {
  const o1 = orient(s.ax, s.ay, s.bx, s.by, t.ax, t.ay);
  const o2 = orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by);
  const o3 = orient(t.ax, t.ay, t.bx, t.by, s.ax, s.ay);
  const o4 = orient(t.ax, t.ay, t.bx, t.by, s.bx, s.by);
  if (o1 * o2 < 0 && o3 * o4 < 0) {
    const d = (s.bx - s.ax) * (t.by - t.ay) - (s.by - s.ay) * (t.bx - t.ax);
    const u = ((t.ax - s.ax) * (t.by - t.ay) - (t.ay - s.ay) * (t.bx - t.ax)) / d;
    return [s.ax + u * (s.bx - s.ax), s.ay + u * (s.by - s.ay)];
  }
  if (onSegment(s, t.ax, t.ay)) return [t.ax, t.ay];
  if (onSegment(s, t.bx, t.by)) return [t.bx, t.by];
  if (onSegment(t, s.ax, s.ay)) return [s.ax, s.ay];
  if (onSegment(t, s.bx, s.by)) return [s.bx, s.by];
  return undefined;
}

/**
 * The sweep-line status: segments crossing the sweep line ordered bottom to top, as a treap
 * (random priorities keep it balanced whatever the input). Only an insertion compares
 * segments, at its own event point; removal and neighbours follow the tree's links, so the
 * order never has to be re-read where segments meet.
 */
class Status {
  private root: TreeNode | null = null;
  x = 0;
  y = 0;

  private yOf(s: Segment): number {
    if (s.ax === s.bx) return Math.min(Math.max(this.y, s.ay), s.by);
    if (this.x === s.ax) return s.ay;
    if (this.x === s.bx) return s.by;
    return s.ay + ((this.x - s.ax) * (s.by - s.ay)) / (s.bx - s.ax);
  }

  private compare(s: Segment, t: Segment): number {
    const dy = this.yOf(s) - this.yOf(t);
    if (dy !== 0) return dy;
    if (s.slope !== t.slope) return s.slope < t.slope ? -1 : 1;
    return s.id - t.id;
  }

  private replaceChild(parent: TreeNode | null, from: TreeNode, to: TreeNode | null): void {
    if (!parent) this.root = to;
    else if (parent.left === from) parent.left = to;
    else parent.right = to;
    if (to) to.parent = parent;
  }

  /** Lifts `node` above its parent, keeping the in-order sequence. */
  private rotateUp(node: TreeNode): void {
    const parent = node.parent!;
    this.replaceChild(parent.parent, parent, node);
    if (parent.left === node) {
      parent.left = node.right;
      if (node.right) node.right.parent = parent;
      node.right = parent;
    } else {
      parent.right = node.left;
      if (node.left) node.left.parent = parent;
      node.left = parent;
    }
    parent.parent = node;
  }

  insert(seg: Segment): void {
    const node: TreeNode = { seg, priority: Math.random(), parent: null, left: null, right: null };
    seg.node = node;
    if (!this.root) {
      this.root = node;
      return;
    }
    let at = this.root;
    for (;;) {
      const goLeft = this.compare(seg, at.seg) < 0;
      const next = goLeft ? at.left : at.right;
      if (next) {
        at = next;
        continue;
      }
      if (goLeft) at.left = node;
      else at.right = node;
      node.parent = at;
      break;
    }
    while (node.parent && node.parent.priority < node.priority) this.rotateUp(node);
  }

  remove(seg: Segment): void {
    const node = seg.node;
    if (!node) return;
    seg.node = undefined;
    while (node.left && node.right) this.rotateUp(node.left.priority > node.right.priority ? node.left : node.right);
    this.replaceChild(node.parent, node, node.left ?? node.right);
  }

  /** The segments just below and just above `seg`, which is in the tree. */
  neighbours(seg: Segment): [Segment | undefined, Segment | undefined] {
    const node = seg.node;
    if (!node) return [undefined, undefined];
    return [this.step(node, 'left', 'right')?.seg, this.step(node, 'right', 'left')?.seg];
  }

  /** The in-order predecessor (`left`, `right`) or successor (`right`, `left`) of a node. */
  private step(node: TreeNode, down: 'left' | 'right', across: 'left' | 'right'): TreeNode | null {
    let at = node[down];
    if (at) {
      while (at[across]) at = at[across]!;
      return at;
    }
    let child = node;
    let parent = node.parent;
    while (parent && parent[down] === child) {
      child = parent;
      parent = parent.parent;
    }
    return parent;
  }
}

/** Segments that follow each other in a ring (they share a vertex, allowed). */
function consecutive(s: Segment, t: Segment): boolean {
  return s.ring === t.ring && ((s.index + 1) % s.count === t.index || (t.index + 1) % t.count === s.index);
}

/** One vertex of a ring with its two ring segments. */
interface Vertex {
  x: number;
  y: number;
  segs: [Segment, Segment];
}

/**
 * Finds the first place where rings cross or touch, by a Shamos–Hoey sweep over all their
 * segments (O(n log n), stopping at the first contact). Each ring is a list of distinct
 * positions, not repeated at the end; consecutive segments of a ring meet at their shared
 * vertex, and nowhere else may any two segments meet (another ring included), so a vertex
 * met twice is a contact too. Callers first make sure no ring doubles back on itself (a spike):
 * then every contact left is one a sweep finds between neighbours.
 */
export function firstRingContact(rings: Position[][]): RingContact | undefined {
  const vertices: Vertex[] = [];
  let id = 0;
  rings.forEach((ring, r) => {
    const n = ring.length;
    const segs: Segment[] = [];
    for (let i = 0; i < n; i += 1) {
      const p = ring[i]!;
      const q = ring[(i + 1) % n]!;
      const [a, b] = before(p[0]!, p[1]!, q[0]!, q[1]!) ? [p, q] : [q, p];
      const dx = b[0]! - a[0]!;
      segs.push({ id: id++, ring: r, index: i, count: n, ax: a[0]!, ay: a[1]!, bx: b[0]!, by: b[1]!, slope: dx === 0 ? Infinity : (b[1]! - a[1]!) / dx });
    }
    for (let i = 0; i < n; i += 1) vertices.push({ x: ring[i]![0]!, y: ring[i]![1]!, segs: [segs[(i + n - 1) % n]!, segs[i]!] });
  });
  vertices.sort((u, v) => u.x - v.x || u.y - v.y);
  for (let i = 1; i < vertices.length; i += 1) {
    const [u, v] = [vertices[i - 1]!, vertices[i]!];
    if (u.x === v.x && u.y === v.y) return { at: [v.x, v.y] };
  }

  const status = new Status();
  const contact = (s: Segment | undefined, t: Segment | undefined): RingContact | undefined => {
    if (!s || !t || consecutive(s, t)) return undefined;
    const at = meeting(s, t);
    return at ? { at } : undefined;
  };
  for (const v of vertices) {
    status.x = v.x;
    status.y = v.y;
    for (const s of v.segs) {
      if (s.bx !== v.x || s.by !== v.y) continue;
      const [below, above] = status.neighbours(s);
      status.remove(s);
      const found = contact(below, above);
      if (found) return found;
    }
    for (const s of v.segs) {
      if (s.ax !== v.x || s.ay !== v.y) continue;
      status.insert(s);
      const [below, above] = status.neighbours(s);
      const found = contact(s, below) ?? contact(s, above);
      if (found) return found;
    }
  }
  return undefined;
}
