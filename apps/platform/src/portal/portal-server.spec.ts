import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPortalServer } from './portal-server';

describe("the portal's own server (its container)", () => {
  let dir: string;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portal-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>portal</title>');
    writeFileSync(join(dir, 'portal-routes.json'), JSON.stringify(['/sign-in', '/dashboards']));
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
    server = await startPortalServer({ webDir: dir, trustedDocuments: true, oidc: { authority: 'https://idp.example.com/realms/itsm', clientId: 'itsm-portal', scopes: 'openid offline_access' } }, 0, '127.0.0.1');
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers client routes with index.html under a CSP that lets it reach the identity provider', async () => {
    const response = await fetch(`${origin}/dashboards`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>portal</title>');
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self' ws: wss: https://idp.example.com;");
  });

  it('serves its configuration (OIDC, no personas), its hashed assets for good, a health path, and 404 for the rest', async () => {
    expect(await (await fetch(`${origin}/portal-config.json`)).json()).toEqual({ devPersonas: false, trustedDocuments: true, oidc: { authority: 'https://idp.example.com/realms/itsm', clientId: 'itsm-portal', scopes: 'openid offline_access' } });
    const asset = await fetch(`${origin}/assets/index-abc.js`);
    expect([asset.status, asset.headers.get('content-type'), asset.headers.get('cache-control')]).toEqual([200, 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable']);
    for (const path of ['/health/ready', '/health/live']) expect((await fetch(`${origin}${path}`)).status).toBe(200);
    for (const path of ['/graphql', '/assets/missing.js', '/assets/..%2f..%2fetc%2fpasswd', '/index.html']) expect([path, (await fetch(`${origin}${path}`)).status]).toEqual([path, 404]);
  });
});
