import type { Express } from 'express';

/** A route registered on the app: method and full path (a RegExp for pattern routes). */
export interface RegisteredRoute {
  method: string;
  path: string | RegExp;
}

interface StackLayer {
  rawPath?: string | RegExp;
  route?: { path: string | RegExp; methods: Record<string, boolean> };
  handle?: { stack?: StackLayer[] };
}

function walk(stack: StackLayer[], prefix: string, out: RegisteredRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const { path } = layer.route;
      for (const method of Object.keys(layer.route.methods)) {
        if (method === '_all') continue;
        out.push({ method: method.toUpperCase(), path: typeof path === 'string' ? `${prefix}${path === '/' && prefix ? '' : path}` : path });
      }
    } else if (layer.handle?.stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      walk(layer.handle.stack, `${prefix}${mount}`, out);
    }
  }
}

/** Every route of an Express app with its mount prefix, for checking it against the policy table. */
export function listRoutes(app: Express): RegisteredRoute[] {
  const out: RegisteredRoute[] = [];
  walk((app as unknown as { router: { stack: StackLayer[] } }).router.stack, '', out);
  return out;
}
