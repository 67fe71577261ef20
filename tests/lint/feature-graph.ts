import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Which features each feature imports: feature name → the names of the other features it imports. */
export type FeatureGraph = Map<string, Set<string>>;

const IMPORT = /(?:^|[\s;}])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(?:ts|vue)$/.test(entry.name) ? [full] : [];
  });
}

/**
 * The feature graph of one side's `features` folder, from the relative imports (static, type, re-export and
 * `import()`) of its .ts and .vue files, tests included.
 */
export function featureGraph(featuresDir: string): FeatureGraph {
  const graph: FeatureGraph = new Map();
  for (const file of sourceFiles(featuresDir)) {
    const own = path.relative(featuresDir, file).split(path.sep)[0]!;
    const edges = graph.get(own) ?? new Set<string>();
    graph.set(own, edges);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2]!;
      if (!specifier.startsWith('.')) continue;
      const [other] = path.relative(featuresDir, path.resolve(path.dirname(file), specifier)).split(path.sep);
      if (other && other !== own && other !== '..') edges.add(other);
    }
  }
  return graph;
}

/** Every cycle's features (strongly connected groups of two or more, or a feature importing itself), each sorted. */
export function featureCycles(graph: FeatureGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || graph.get(v)?.has(v)) cycles.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}
