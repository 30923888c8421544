import { issueDevToken } from '@itsm/platform/auth';
import type { TokenAudience } from '@itsm/platform/auth';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { portalCsp } from './portal-oidc-env';
import type { PortalOidc } from './portal-oidc-env';
import { PersonaError, personaOf } from './portal-personas';

/** What the portal's build writes next to index.html: the client routes the server answers with index.html. */
export const PORTAL_ROUTES_FILE = 'portal-routes.json';
export const PERSONA_TOKEN_PATH = '/dev/persona-token';
export const PORTAL_CONFIG_PATH = '/portal-config.json';

export interface PortalHosting {
  /** The portal's build (index.html, assets/, portal-routes.json). */
  readonly webDir: string;
  /** The development signing key: the persona sign-in exists only with it (no identity provider configured). */
  readonly devKeyFile: string | undefined;
  readonly audience: TokenAudience;
  /** The gateway runs trusted documents only: the portal sends its operations by id. */
  readonly trustedDocuments: boolean;
  /** OpenID Connect sign-in with the identity provider (production); undefined: none. */
  readonly oidc?: PortalOidc | undefined;
  readonly log: Logger;
}

/** What the portal reads at start (GET /portal-config.json). */
export interface PortalConfig {
  readonly devPersonas: boolean;
  readonly trustedDocuments: boolean;
  readonly oidc?: PortalOidc;
}

type Next = (error?: unknown) => void;


function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

const MAX_BODY_BYTES = 4_096;

/** The request's JSON body: as Nest's parser left it, or read here (a small one). */
async function jsonBody(request: IncomingMessage & { body?: unknown }): Promise<unknown> {
  if (request.body !== undefined) return request.body;
  let text = '';
  for await (const chunk of request) {
    text += String(chunk);
    if (text.length > MAX_BODY_BYTES) return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The path without its query string. */
const pathOf = (request: IncomingMessage): string => (request.url ?? '/').split('?')[0] ?? '/';

/** A client route (index.html answers it): `/`, or a route prefix of the portal's build and what lies under it. */
export function isClientRoute(path: string, prefixes: readonly string[]): boolean {
  return path === '/' || prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Serves the portal's build on the gateway's port (the all-in-one mode): its static files, index.html
 * for its client routes (nothing else: /graphql, /health, /metrics and the forwarded routes stay the
 * gateway's), its runtime configuration, and with the development key the persona sign-in
 * (POST /dev/persona-token {persona} -> {token, persona}). Without a build (tsx from sources), only
 * a warning: the platform runs without its portal.
 */
export function mountPortal(app: INestApplication, hosting: PortalHosting): void {
  const config: PortalConfig = { devPersonas: hosting.devKeyFile !== undefined, trustedDocuments: hosting.trustedDocuments, ...(hosting.oidc === undefined ? {} : { oidc: hosting.oidc }) };
  const csp = portalCsp(hosting.oidc);
  app.use(PORTAL_CONFIG_PATH, (request: IncomingMessage, response: ServerResponse, next: Next) => (request.method === 'GET' ? sendJson(response, 200, config) : next()));

  const keyFile = hosting.devKeyFile;
  if (keyFile !== undefined) {
    app.use(PERSONA_TOKEN_PATH, (request: IncomingMessage, response: ServerResponse, next: Next) => {
      if (request.method !== 'POST') return next();
      jsonBody(request)
        .then(async (body) => {
          const persona = personaOf(body);
          const token = await issueDevToken(keyFile, persona.claims, hosting.audience);
          sendJson(response, 200, { token, persona: { id: persona.id, ...persona.claims } });
        })
        .catch((error: unknown) => {
          if (error instanceof PersonaError) return sendJson(response, 400, { error: { code: error.code, message: error.message, details: error.details } });
          hosting.log.error({ err: error }, 'persona sign-in failed');
          return sendJson(response, 500, { error: { code: 'PORTAL.INTERNAL', message: 'the persona token could not be issued' } });
        });
    });
  }

  const index = join(hosting.webDir, 'index.html');
  if (!existsSync(index)) {
    hosting.log.warn({ webDir: hosting.webDir }, 'no portal build here (node tools/build.mjs builds it): the platform runs without its portal');
    return;
  }
  const html = readFileSync(index);
  const prefixes = JSON.parse(readFileSync(join(hosting.webDir, PORTAL_ROUTES_FILE), 'utf8')) as string[];
  // createServiceApp's apps run on Express.
  (app as NestExpressApplication).useStaticAssets(hosting.webDir, {
    index: false,
    setHeaders: (response, path) => {
      // Vite names every asset by its content hash: cached for good; anything else revalidated.
      response.setHeader('cache-control', path.includes(`${join(hosting.webDir, 'assets')}/`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((request: IncomingMessage, response: ServerResponse, next: Next) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !isClientRoute(pathOf(request), prefixes)) return next();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': csp, 'x-content-type-options': 'nosniff' });
    response.end(request.method === 'HEAD' ? undefined : html);
  });
}
