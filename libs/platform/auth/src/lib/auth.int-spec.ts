import { stat, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver } from '@nestjs/apollo';
import type { ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Controller, Get, Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Args, Directive, Field, GraphQLModule, ID, ObjectType, Query, ResolveReference, Resolver } from '@nestjs/graphql';
import type { AuthSettings } from './auth-env';
import { AUTH_FIELD_RESOLVER_ENHANCERS, AuthModule } from './auth.module';
import { CurrentPrincipal } from './current-principal.decorator';
import { ensureDevKey, issueDevToken, readDevKey } from './dev-key';
import type { Principal } from './principal';
import type { Role } from './roles';
import { Roles } from './roles.decorator';
import { TokenVerifier } from './token-verifier';

@ObjectType()
@Directive('@key(fields: "id")')
class Incident {
  @Field(() => ID) id!: string;
  @Field() title!: string;
}

@Roles('agent')
@Resolver(() => Incident)
class IncidentResolver {
  @Query(() => Incident)
  incident(@Args('id', { type: () => ID }) id: string, @CurrentPrincipal() principal: Principal): Incident {
    return { id, title: `seen by ${principal.userId}` };
  }

  @Roles('admin')
  @Query(() => String)
  adminOnly(): string {
    return 'secret';
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): Incident {
    return { id: reference.id, title: `entity ${reference.id}` };
  }
}

@Resolver()
class ForgottenResolver {
  @Query(() => String)
  forgotten(): string {
    return 'leaked';
  }
}

@Controller('ping')
class PingController {
  @Get()
  ping(): { ok: boolean } {
    return { ok: true };
  }
}

function appModule(settings: AuthSettings): new () => object {
  @Module({
    imports: [
      AuthModule.forRoot(settings),
      GraphQLModule.forRoot<ApolloFederationDriverConfig>({
        driver: ApolloFederationDriver,
        autoSchemaFile: { federation: 2 },
        fieldResolverEnhancers: AUTH_FIELD_RESOLVER_ENHANCERS,
        playground: false,
        plugins: [ApolloServerPluginInlineTraceDisabled()],
      }),
    ],
    controllers: [PingController],
    providers: [IncidentResolver, ForgottenResolver],
  })
  class AppModule {}
  return AppModule;
}

interface GraphqlResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
}

describe('AuthModule over HTTP (federation subgraph, dev key)', () => {
  let dir: string;
  let settings: AuthSettings;
  let app: INestApplication;
  let url: string;

  const tokenFor = (...roles: Role[]) =>
    issueDevToken(settings.source.kind === 'dev-key' ? settings.source.file : '', { sub: `u-${roles[0] ?? 'x'}`, name: 'Test', roles, org: 'acme' }, settings);

  async function graphql(query: string, token?: string, variables?: Record<string, unknown>): Promise<GraphqlResponse> {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlResponse;
  }

  const codeOf = (response: GraphqlResponse) => response.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'itsm-auth-'));
    settings = { source: { kind: 'dev-key', file: join(dir, 'keys', 'dev-jwt-key.json') }, issuer: 'itsm', audience: 'itsm-api' };
    app = await NestFactory.create(appModule(settings), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers a caller with the required role, with the principal injected', async () => {
    const response = await graphql('query($id: ID!) { incident(id: $id) { id title } }', await tokenFor('agent'), { id: 'i-1' });
    expect(response).toEqual({ data: { incident: { id: 'i-1', title: 'seen by u-agent' } } });
  });

  it('refuses a request without a valid token', async () => {
    const missing = await graphql('{ incident(id: "1") { id } }');
    expect(codeOf(missing)).toBe('UNAUTHENTICATED');
    expect(missing.errors?.[0]?.extensions?.reason).toBe('AUTH.UNAUTHENTICATED');
    expect(codeOf(await graphql('{ incident(id: "1") { id } }', 'not.a.token'))).toBe('UNAUTHENTICATED');
  });

  it('refuses a caller without the role, and a resolver without @Roles to anyone', async () => {
    expect(codeOf(await graphql('{ adminOnly }', await tokenFor('agent')))).toBe('FORBIDDEN');
    expect(await graphql('{ adminOnly }', await tokenFor('admin'))).toEqual({ data: { adminOnly: 'secret' } });
    expect(codeOf(await graphql('{ forgotten }', await tokenFor('admin')))).toBe('FORBIDDEN');
  });

  it('guards entity resolution (@ResolveReference) like a query', async () => {
    const query = '{ _entities(representations: [{ __typename: "Incident", id: "7" }]) { ... on Incident { title } } }';
    expect(codeOf(await graphql(query))).toBe('UNAUTHENTICATED');
    expect(codeOf(await graphql(query, await tokenFor('requester')))).toBe('FORBIDDEN');
    expect(await graphql(query, await tokenFor('agent'))).toEqual({ data: { _entities: [{ title: 'entity 7' }] } });
  });

  it('serves the SDL for composition (_service) without a token', async () => {
    const response = await graphql('{ _service { sdl } }');
    expect(response.errors).toBeUndefined();
    expect(JSON.stringify(response.data)).toContain('type Incident');
  });

  it('lets HTTP controllers through without a token', async () => {
    const response = await fetch(`${url}/ping`);
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ ok: true });
  });
});

describe('dev key file', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'itsm-dev-key-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is created once, mode 0600, with its parent directory', async () => {
    const file = join(dir, 'nested', 'dev-jwt-key.json');
    await ensureDevKey(file);
    const first = await readDevKey(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(first.alg).toBe('ES256');
    await ensureDevKey(file);
    expect((await readDevKey(file)).kid).toBe(first.kid);
  });

  it('signs tokens the dev-key verifier accepts', async () => {
    const file = join(dir, 'dev-jwt-key.json');
    const options = { issuer: 'itsm', audience: 'itsm-api' };
    const token = await issueDevToken(file, { sub: 'u-alice', name: 'Alice', roles: ['agent'] }, options);
    const verifier = TokenVerifier.fromSettings({ source: { kind: 'dev-key', file }, ...options });
    await expect(verifier.verify(token)).resolves.toEqual({ userId: 'u-alice', name: 'Alice', roles: ['agent'], orgId: undefined });
  });
});
