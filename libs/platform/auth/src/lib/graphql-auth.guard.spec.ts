import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { GraphQLError } from 'graphql';
import { generateDevKey, signDevToken } from './dev-key';
import type { DevKey } from './dev-key';
import { GraphqlAuthGuard } from './graphql-auth.guard';
import { verifiedPrincipal } from './request-principal';
import type { Role } from './roles';
import { Roles } from './roles.decorator';
import { TokenVerifier } from './token-verifier';

const audience = { issuer: 'itsm', audience: 'itsm-api' };

@Roles('agent')
class IncidentResolver {
  incidents(): string {
    return 'incidents';
  }

  @Roles('admin')
  purge(): string {
    return 'purged';
  }
}

class UnguardedResolver {
  forgotten(): string {
    return 'leaked';
  }
}

type Handler = () => string;

function graphqlContext(cls: object, handler: Handler, req: object | undefined): ExecutionContextHost {
  const host = new ExecutionContextHost([{}, {}, req === undefined ? {} : { req }, {}], cls as never, handler);
  host.setType('graphql');
  return host;
}

async function rejection(promise: Promise<unknown>): Promise<GraphQLError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  return error as GraphQLError;
}

describe('GraphqlAuthGuard', () => {
  let key: DevKey;
  let guard: GraphqlAuthGuard;
  const incidents = IncidentResolver.prototype.incidents as Handler;
  const purge = IncidentResolver.prototype.purge as Handler;

  const requestAs = async (...roles: Role[]) => ({
    headers: { authorization: `Bearer ${await signDevToken(key, { sub: 'u-1', name: 'One', roles }, audience)}` },
  });

  beforeAll(async () => {
    key = await generateDevKey();
    guard = new GraphqlAuthGuard(new Reflector(), TokenVerifier.fromDevKey(key, audience));
  });

  it('admits a caller holding the class role, and caches the principal on the request', async () => {
    const req = await requestAs('agent');
    await expect(guard.canActivate(graphqlContext(IncidentResolver, incidents, req))).resolves.toBe(true);
    expect(verifiedPrincipal(req)).toMatchObject({ userId: 'u-1', roles: ['agent'] });
  });

  it('lets the method roles replace the class roles', async () => {
    const agent = await requestAs('agent');
    const error = await rejection(guard.canActivate(graphqlContext(IncidentResolver, purge, agent)));
    expect(error.extensions).toEqual({ code: 'FORBIDDEN', reason: 'AUTH.FORBIDDEN' });
    await expect(guard.canActivate(graphqlContext(IncidentResolver, purge, await requestAs('admin')))).resolves.toBe(true);
  });

  it('denies by default: a resolver without @Roles is forbidden even to an admin', async () => {
    const error = await rejection(guard.canActivate(graphqlContext(UnguardedResolver, UnguardedResolver.prototype.forgotten as Handler, await requestAs('admin'))));
    expect(error.extensions['code']).toBe('FORBIDDEN');
  });

  it('refuses a missing or invalid token as UNAUTHENTICATED', async () => {
    const missing = await rejection(guard.canActivate(graphqlContext(IncidentResolver, incidents, { headers: {} })));
    expect(missing.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'AUTH.UNAUTHENTICATED' });
    const invalid = await rejection(guard.canActivate(graphqlContext(IncidentResolver, incidents, { headers: { authorization: 'Bearer x.y.z' } })));
    expect(invalid.extensions['code']).toBe('UNAUTHENTICATED');
    const noRequest = await rejection(guard.canActivate(graphqlContext(IncidentResolver, incidents, undefined)));
    expect(noRequest.extensions['code']).toBe('UNAUTHENTICATED');
  });

  it('lets HTTP controllers and event consumers through untouched', async () => {
    const http = new ExecutionContextHost([{ headers: {} }, {}], UnguardedResolver as never, UnguardedResolver.prototype.forgotten as Handler);
    http.setType('http');
    const rpc = new ExecutionContextHost([{}, {}], UnguardedResolver as never, UnguardedResolver.prototype.forgotten as Handler);
    rpc.setType('rpc');
    await expect(guard.canActivate(http)).resolves.toBe(true);
    await expect(guard.canActivate(rpc)).resolves.toBe(true);
  });
});

describe('@Roles', () => {
  it('needs at least one role', () => {
    expect(() => Roles()).toThrow(TypeError);
  });
});
