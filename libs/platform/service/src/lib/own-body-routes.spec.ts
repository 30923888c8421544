import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage } from 'node:http';
import { isUnderPrefix, useBodyParsersOutside } from './own-body-routes';

describe('own body routes', () => {
  it('matches the prefix and the paths below it, case-insensitively, whatever the query', () => {
    expect(['/scim/v2', '/scim/v2/Users', '/SCIM/V2/Users?filter=x', '/scim/v2?x=1'].map((url) => isUnderPrefix(url, '/scim/v2'))).toEqual([true, true, true, true]);
    expect(['/scim/v20', '/scim', '/graphql', '/x/scim/v2'].map((url) => isUnderPrefix(url, '/scim/v2'))).toEqual([false, false, false, false]);
  });

  it("registers Nest's JSON and form parsers for every path but the prefixes", () => {
    const parsers = new Map<string, { type: (request: IncomingMessage) => boolean; extended?: boolean }>();
    const app = { useBodyParser: (parser: string, options: { type: (request: IncomingMessage) => boolean }) => parsers.set(parser, options) };
    useBodyParsersOutside(app as unknown as NestExpressApplication, ['/scim/v2']);
    const request = (url: string, type: string) => ({ url, headers: { 'content-type': type } }) as unknown as IncomingMessage;
    const json = parsers.get('json')!.type;
    expect([json(request('/graphql', 'application/json; charset=utf-8')), json(request('/graphql', 'text/plain'))]).toEqual([true, false]);
    expect([json(request('/scim/v2/Users', 'application/json')), json(request('/Scim/v2/Users', 'application/json'))]).toEqual([false, false]);
    const form = parsers.get('urlencoded')!;
    expect(form.extended).toBe(true);
    expect([form.type(request('/login', 'application/x-www-form-urlencoded')), form.type(request('/scim/v2', 'application/x-www-form-urlencoded'))]).toEqual([true, false]);
  });
});
