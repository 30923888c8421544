import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { portalCsp } from './portal-oidc-env';
import type { PortalOidc } from './portal-oidc-env';
import { isClientRoute, PORTAL_CONFIG_PATH, PORTAL_ROUTES_FILE } from './serve-portal';
import type { PortalConfig } from './serve-portal';

export interface PortalServerOptions {
  /** The portal's build (index.html, assets/, portal-routes.json). */
  readonly webDir: string;
  readonly trustedDocuments: boolean;
  readonly oidc: PortalOidc | undefined;
}

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const notFound = (_request: IncomingMessage, response: ServerResponse) => response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');

/**
 * The portal on its own (microservices mode: its container, behind the same host as the gateway):
 * the build's files, index.html with its CSP for the client routes, /portal-config.json (OpenID
 * Connect, never the persona sign-in: no development key here), /health/ready and /health/live for
 * the probes (the platform's paths). Node's
 * http only: no framework for a static site.
 */
export function portalHandler(options: PortalServerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const root = normalize(options.webDir);
  const html = readFileSync(join(root, 'index.html'));
  const prefixes = JSON.parse(readFileSync(join(root, PORTAL_ROUTES_FILE), 'utf8')) as string[];
  const config: PortalConfig = { devPersonas: false, trustedDocuments: options.trustedDocuments, ...(options.oidc === undefined ? {} : { oidc: options.oidc }) };
  const configBody = JSON.stringify(config);
  const csp = portalCsp(options.oidc);
  const serveFile = async (path: string, request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const file = normalize(join(root, decodeURIComponent(path)));
    if (!file.startsWith(`${root}${sep}`) || file.endsWith(`${sep}index.html`)) return false;
    const info = await stat(file).catch(() => undefined);
    if (info === undefined || !info.isFile()) return false;
    const immutable = file.startsWith(join(root, 'assets') + sep);
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache', 'x-content-type-options': 'nosniff' });
    response.end(request.method === 'HEAD' ? undefined : await readFile(file));
    return true;
  };
  return (request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound(request, response);
    if (path === '/health/ready' || path === '/health/live') return void response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok');
    if (path === PORTAL_CONFIG_PATH) return void response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(configBody);
    if (isClientRoute(path, prefixes)) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': csp, 'x-content-type-options': 'nosniff' });
      return void response.end(request.method === 'HEAD' ? undefined : html);
    }
    serveFile(path, request, response).then(
      (served) => served || notFound(request, response),
      () => response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad path'),
    );
  };
}

/** Starts the portal's server on `port` (0: any free one); resolves with the server once it listens. */
export async function startPortalServer(options: PortalServerOptions, port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer(portalHandler(options));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
