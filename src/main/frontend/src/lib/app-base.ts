/**
 * Where the app lives: the page's `<base href>`, which the server sets to the WAR's context path
 * (`/` by default). Server addresses and client routes are built from it, so the same build works
 * under any context root.
 */
export function appBase(): string {
  return new URL(document.baseURI).pathname.replace(/[^/]*$/, '');
}

/** A server address (`/api/…`) under the app's base. */
export function appUrl(path: string): string {
  return appBase() + path.replace(/^\/+/, '');
}

/** The router's basename: the base without its trailing slash (`/` at the root). */
export function routerBasename(): string {
  return appBase().replace(/(.)\/$/, '$1');
}
