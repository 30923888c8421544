import { NestFactory } from '@nestjs/core';
import { Args, Field, GraphQLSchemaBuilderModule, GraphQLSchemaFactory, ID, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { BuildSchemaOptions } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { Connection } from './connection';
import type { ConnectionOf } from './connection';
import { registerDomainEnum } from './domain-enum';

/** Two contexts' markers: the schema of one must not carry the other's types. */
class ThingSchema {}
class OtherSchema {}

const THING_STATES = ['new', 'in_progress', 'closed'] as const;
type ThingState = (typeof THING_STATES)[number];
const ThingStateGql = registerDomainEnum(THING_STATES, { name: 'ThingState', registerIn: ThingSchema, description: 'where a thing is' });

@ObjectType('Thing', { registerIn: ThingSchema })
class ThingGql {
  @Field(() => ID) id!: string;
  @Field(() => ThingStateGql) state!: ThingState;
}
const ThingConnectionGql = Connection(ThingGql, { name: 'Thing', registerIn: ThingSchema });

@ObjectType('Thing', { registerIn: OtherSchema })
export class OtherThingGql {
  @Field(() => ID) id!: string;
}

@Resolver(() => ThingGql)
class ThingResolver {
  @Query(() => ThingConnectionGql)
  things(@Args('state', { type: () => ThingStateGql }) state: ThingState): ConnectionOf<ThingGql> {
    return { edges: [{ cursor: 'c', node: { id: '1', state } }], pageInfo: { hasNextPage: false, endCursor: 'c' } };
  }
}

describe('registerDomainEnum and Connection in a built schema', () => {
  it('derive the enum from the domain list and the connection shape, under the schema marker only', async () => {
    expect(ThingStateGql).toEqual({ new: 'new', in_progress: 'in_progress', closed: 'closed' });
    const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
    try {
      const options: BuildSchemaOptions & { readonly includeModules: readonly object[] } = { includeModules: [ThingSchema] };
      const sdl = printSchema(await app.get(GraphQLSchemaFactory).create([ThingResolver], options));
      expect(sdl).toContain('"""where a thing is"""\nenum ThingState {\n  new\n  in_progress\n  closed\n}');
      expect(sdl).toContain('type ThingConnection {\n  edges: [ThingEdge!]!\n  pageInfo: PageInfo!\n}');
      expect(sdl).toContain('type ThingEdge {\n  cursor: String!\n  node: Thing!\n}');
      expect(sdl).toContain('type PageInfo {\n  hasNextPage: Boolean!\n');
      expect(sdl).toContain('type Thing {\n  id: ID!\n  state: ThingState!\n}');
    } finally {
      await app.close();
    }
  });
});
