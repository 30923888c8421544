import { freePort } from '@itsm/platform/persistence';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import type { KeyLike } from 'jose';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { WebSocketServer } from 'ws';

const ROOT = join(__dirname, '..', '..', '..');
const PORTAL_WEB = join(ROOT, 'dist', 'apps', 'portal', 'web');
/** The portal container's entry, as built (Dockerfile target `portal`). */
const PORTAL_SERVER = join(ROOT, 'dist', 'apps', 'platform', 'src', 'portal', 'portal-server-main.js');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CLIENT_ID = 'itsm-portal';
/** The stub gateway's answers: empty lists for what a requester's landing page ("My tickets") asks. */
const STUB_ANSWERS: Readonly<Record<string, unknown>> = {
  Incidents: { incidents: { edges: [] } },
  Requests: { requests: { pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } },
};
const AUDIENCE = 'itsm-api';
/** Short-lived: the portal renews 60 s before expiry, so ~10 s after sign-in. */
const ACCESS_TOKEN_SECONDS = 70;

const b64url = (bytes: Buffer) => bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

async function bodyOf(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}

/**
 * A minimal OpenID provider in the test: discovery, authorize (redirects back with a code), token
 * (the code only with the PKCE verifier that hashes to its challenge; refresh tokens), JWKS.
 */
async function startProvider(port: number) {
  const issuer = `http://127.0.0.1:${port}`;
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { challenge: string; redirectUri: string; nonce: string | undefined }>();
  const refreshTokens = new Set<string>();
  const events = { codesExchanged: 0, pkceRejected: 0, refreshes: 0, revoked: 0 };
  const claims = { sub: 'u-oidc-requester', name: 'Olga OIDC', roles: ['requester'], org: 'fabrikam' };
  const sign = (payload: Record<string, unknown>, audience: string, key: KeyLike) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).setIssuer(issuer).setAudience(audience).setIssuedAt().setExpirationTime(`${ACCESS_TOKEN_SECONDS}s`).sign(key);
  const tokens = async (nonce: string | undefined) => {
    const refresh = randomUUID();
    refreshTokens.add(refresh);
    return {
      access_token: await sign({ ...claims, jti: randomUUID() }, AUDIENCE, privateKey),
      id_token: await sign({ sub: claims.sub, name: claims.name, ...(nonce === undefined ? {} : { nonce }) }, CLIENT_ID, privateKey),
      refresh_token: refresh,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
      scope: 'openid profile offline_access',
    };
  };
  const json = (response: ServerResponse, status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    if (request.method === 'OPTIONS') return void response.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST' }).end();
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(response, 200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, revocation_endpoint: `${issuer}/revoke`, response_types_supported: ['code'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'], code_challenge_methods_supported: ['S256'], grant_types_supported: ['authorization_code', 'refresh_token'] });
    }
    if (url.pathname === '/jwks') return json(response, 200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const query = url.searchParams;
      if (query.get('client_id') !== CLIENT_ID || query.get('response_type') !== 'code' || query.get('code_challenge_method') !== 'S256' || !query.get('code_challenge') || !query.get('nonce')) return json(response, 400, { error: 'invalid_request' });
      const code = randomUUID();
      const redirectUri = query.get('redirect_uri') ?? '';
      codes.set(code, { challenge: query.get('code_challenge') ?? '', redirectUri, nonce: query.get('nonce') ?? undefined });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', query.get('state') ?? '');
      return void response.writeHead(302, { location: back.toString() }).end();
    }
    if (url.pathname === '/revoke' && request.method === 'POST') {
      void bodyOf(request).then((text) => {
        if (refreshTokens.delete(new URLSearchParams(text).get('token') ?? '')) events.revoked += 1;
        response.writeHead(200, { 'access-control-allow-origin': '*' }).end();
      });
      return;
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      void bodyOf(request).then(async (text) => {
        const form = new URLSearchParams(text);
        if (form.get('grant_type') === 'authorization_code') {
          const grant = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          const verifier = form.get('code_verifier') ?? '';
          if (grant === undefined || grant.redirectUri !== form.get('redirect_uri') || b64url(createHash('sha256').update(verifier).digest()) !== grant.challenge) {
            events.pkceRejected += 1;
            return json(response, 400, { error: 'invalid_grant' });
          }
          events.codesExchanged += 1;
          return json(response, 200, await tokens(grant.nonce));
        }
        if (form.get('grant_type') === 'refresh_token' && refreshTokens.delete(form.get('refresh_token') ?? '')) {
          events.refreshes += 1;
          return json(response, 200, await tokens(undefined));
        }
        return json(response, 400, { error: 'invalid_grant' });
      });
      return;
    }
    json(response, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { issuer, server, events };
}

/**
 * OpenID Connect sign-in in Chromium: the portal's build served by its own server (its container's,
 * with PORTAL_OIDC_* as config) against an OpenID provider started here; /graphql is a stub gateway
 * that verifies each bearer token against the provider's JWKS, as the gateway does with AUTH_JWKS_URL
 * (not a second all-in-one: that would cost a minute of CI for what the JWKS check shows). The user
 * lands signed in, GraphQL requests succeed, the token is refreshed before it expires and the
 * next request carries the new one; a reload with an expired token renews it; sign-out revokes the
 * refresh token and Back through the history signs no one in. No console errors.
 */
describe('OpenID Connect sign-in in Chromium', () => {
  let browser: Browser;
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let portal: Server;
  let stopPortalServer: (() => Promise<void>) | undefined;
  let origin: string;
  const seen: { operation: string; sub: string; jti: string }[] = [];
  const socketSubs: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (npm run setup installs Debian's chromium)`);
    if (!existsSync(join(PORTAL_WEB, 'index.html'))) throw new Error(`no portal build in ${PORTAL_WEB}: run node tools/build.mjs first`);
    provider = await startProvider(await freePort());
    const jwks = createRemoteJWKSet(new URL(`${provider.issuer}/jwks`));
    const verify = async (header: string | undefined) => (await jwtVerify(String(header).replace(/^Bearer /, ''), jwks, { issuer: provider.issuer, audience: AUDIENCE })).payload;
    // The portal's own server as its container runs it, configured for the provider.
    const portalPort = await freePort();
    const child = spawn(process.execPath, [PORTAL_SERVER], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', PORT: String(portalPort), PORTAL_WEB_DIR: PORTAL_WEB, PORTAL_TRUSTED_DOCUMENTS: 'false', PORTAL_OIDC_ISSUER: provider.issuer, PORTAL_OIDC_CLIENT_ID: CLIENT_ID, PORTAL_OIDC_SCOPES: 'openid profile offline_access' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stopPortalServer = () => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))));
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const started = Date.now();
    while (!log.includes('portal: listening')) {
      if (child.exitCode !== null || Date.now() - started > 30_000) throw new Error(`the portal server did not start:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // One origin, as behind the Ingress: /graphql to a stub gateway (verified tokens only; an empty
    // list for every query), everything else to the portal's server.
    portal = createServer((request, response) => {
      if (request.url !== '/graphql') {
        const upstream = httpRequest({ host: '127.0.0.1', port: portalPort, path: request.url, method: request.method, headers: request.headers }, (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        });
        upstream.on('error', () => response.writeHead(502).end());
        return void request.pipe(upstream);
      }
      if (request.method !== 'POST') return void response.writeHead(405).end();
      void bodyOf(request).then(async (text) => {
        try {
          const payload = await verify(request.headers.authorization);
          const { operationName } = JSON.parse(text) as { operationName: string };
          seen.push({ operation: operationName, sub: String(payload.sub), jti: String(payload['jti']) });
          const data = STUB_ANSWERS[operationName];
          if (data === undefined) return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: `the stub gateway does not answer ${operationName}` }] }));
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
        } catch (error: unknown) {
          response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: `unauthenticated: ${String(error)}` }] }));
        }
      });
    });
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', () => resolve()));
    // graphql-ws's handshake: the token in connection_init, verified; subscriptions then stay quiet.
    const sockets = new WebSocketServer({ server: portal, path: '/graphql' });
    sockets.on('connection', (socket) =>
      socket.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { type: string; payload?: { authorization?: string } };
        if (message.type === 'connection_init') {
          verify(message.payload?.authorization).then(
            (payload) => {
              socketSubs.push(String(payload.sub));
              socket.send(JSON.stringify({ type: 'connection_ack' }));
            },
            () => socket.close(4403, 'Forbidden'),
          );
        }
      }),
    );
    origin = `http://127.0.0.1:${(portal.address() as { port: number }).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => portal?.close(resolve));
    await stopPortalServer?.();
    await new Promise((resolve) => provider?.server.close(resolve));
  });

  it('signs in with the code flow and PKCE, calls GraphQL with the verified token, refreshes it before expiry and signs out', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('console', (message) => message.type() === 'error' && problems.push(`console on ${page.url()}: ${message.text()}`));
    page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));

    await page.goto(`${origin}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // No development key here: no persona picker.
    expect(await page.getByRole('radio').count()).toBe(0);
    await page.getByRole('button', { name: 'Sign in with your organisation' }).click();
    await page.getByRole('heading', { name: 'My tickets', level: 1 }).waitFor();
    expect(page.url()).toBe(`${origin}/self-service`);
    await page.getByText('Signed in as Olga OIDC').waitFor();
    expect(provider.events).toMatchObject({ codesExchanged: 1, pkceRejected: 0 });
    const loaded = Date.now() + 10_000;
    while (!seen.some((request) => request.operation === 'Incidents') && Date.now() < loaded) await page.waitForTimeout(100);
    const first = seen.find((request) => request.operation === 'Incidents');
    expect(first?.sub).toBe('u-oidc-requester');

    // Renewed with the refresh token before the access token expires; the next request carries the new one.
    const deadline = Date.now() + 30_000;
    while (provider.events.refreshes === 0 && Date.now() < deadline) await page.waitForTimeout(250);
    expect(provider.events.refreshes).toBeGreaterThanOrEqual(1);
    const before = seen.length;
    await page.getByRole('link', { name: 'Report an incident' }).click();
    await page.getByRole('link', { name: 'My tickets' }).click();
    await page.getByRole('heading', { name: 'My tickets', level: 1 }).waitFor();
    const until = Date.now() + 10_000;
    while (!seen.slice(before).some((request) => request.operation === 'Incidents') && Date.now() < until) await page.waitForTimeout(100);
    const renewed = seen.slice(before).find((request) => request.operation === 'Incidents');
    expect(renewed?.sub).toBe('u-oidc-requester');
    expect(renewed?.jti).not.toBe(first?.jti);
    expect(socketSubs[0]).toBe('u-oidc-requester');
    // The live socket restarted with the renewed token (the gateway would close it at the old one's expiry).
    const restarted = Date.now() + 5_000;
    while (socketSubs.length < 2 && Date.now() < restarted) await page.waitForTimeout(100);
    expect(socketSubs.length).toBeGreaterThanOrEqual(2);

    // A reload with an expired access token renews it (refresh token) instead of signing out.
    const refreshed = provider.events.refreshes;
    await page.evaluate(() => {
      const key = Object.keys(sessionStorage).find((name) => name.startsWith('oidc.user:')) ?? '';
      sessionStorage.setItem(key, JSON.stringify({ ...(JSON.parse(sessionStorage.getItem(key) ?? '{}') as object), expires_at: Math.floor(Date.now() / 1000) - 5 }));
    });
    await page.reload();
    await page.getByRole('heading', { name: 'My tickets', level: 1 }).waitFor();
    const renewing = Date.now() + 10_000;
    while (provider.events.refreshes === refreshed && Date.now() < renewing) await page.waitForTimeout(100);
    expect(provider.events.refreshes).toBe(refreshed + 1);
    await page.getByText('Signed in as Olga OIDC').waitFor();

    // Sign-out revokes the refresh token; Back through the history signs no one in again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const revoking = Date.now() + 5_000;
    while (provider.events.revoked === 0 && Date.now() < revoking) await page.waitForTimeout(100);
    expect(provider.events.revoked).toBe(1);
    for (let back = 0; back < 4; back += 1) {
      await page.goBack();
      expect(page.url()).not.toContain('/auth/callback');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    }
    expect(await page.getByText('Signed in as').count()).toBe(0);
    expect(provider.events.codesExchanged).toBe(1);
    await context.close();
    expect(problems).toEqual([]);
  }, 90_000);
});
