/**
 * A tiny path router: patterns like `/splits/ws/:ws/:flag`, matched segment by segment,
 * first match wins (so literal routes are registered before look-alike parameter routes).
 */
export interface RouteMatch<H> {
  /** `METHOD pattern`, e.g. `GET /splits/ws/:ws/:flag`: the counter key of this route. */
  readonly key: string;
  readonly handler: H;
  /** Decoded path parameters. */
  readonly params: Record<string, string>;
}

interface Route<H> {
  readonly method: string;
  readonly pattern: string;
  readonly segments: string[];
  readonly handler: H;
}

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  /** Registers a route; `:name` segments become parameters. */
  public add(method: string, pattern: string, handler: H): this {
    this.routes.push({ method, pattern, segments: split(pattern), handler });
    return this;
  }

  /** Finds the first route for the method and path (path without query string). */
  public match(method: string, path: string): RouteMatch<H> | undefined {
    const parts = split(path);
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const want = route.segments[i];
        if (want.startsWith(':')) {
          params[want.slice(1)] = safeDecode(parts[i]);
        } else {
          ok = want === parts[i];
        }
      }
      if (ok) return { key: `${route.method} ${route.pattern}`, handler: route.handler, params };
    }
    return undefined;
  }
}

function split(path: string): string[] {
  return path.split('/').filter(p => p.length > 0);
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
