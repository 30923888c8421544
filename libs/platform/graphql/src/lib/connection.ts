import type { Type } from '@nestjs/common';
import { Directive, Field, ObjectType } from '@nestjs/graphql';
import type { SchemaMarker } from './schema-marker';

/** Relay-style page facts, one type for every list of every subgraph (shareable across them). */
@ObjectType('PageInfo')
@Directive('@shareable')
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page' }) endCursor!: string | null;
}

export interface Edge<N> {
  readonly cursor: string;
  readonly node: N;
}

export interface ConnectionOf<N> {
  readonly edges: readonly Edge<N>[];
  readonly pageInfo: PageInfo;
}

/**
 * The `<Name>Connection` and `<Name>Edge` types of one list: `edges { cursor node }` and
 * `pageInfo { hasNextPage endCursor }`, registered in the context's schema.
 */
export function Connection<N>(node: Type<N>, options: { readonly name: string; readonly registerIn: SchemaMarker }): Type<ConnectionOf<N>> {
  @ObjectType(`${options.name}Edge`, { registerIn: options.registerIn })
  class EdgeType implements Edge<N> {
    @Field() cursor!: string;
    @Field(() => node) node!: N;
  }

  @ObjectType(`${options.name}Connection`, { registerIn: options.registerIn })
  class ConnectionType implements ConnectionOf<N> {
    @Field(() => [EdgeType]) edges!: EdgeType[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
  }

  return ConnectionType;
}

/** One page as a store answers it: the items in order, and whether more follow. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly hasNextPage: boolean;
}

/** Builds the connection of a page: each node with its cursor, the last cursor as `endCursor`. */
export function toConnection<T, N>(page: Page<T>, cursorOf: (item: T) => string, nodeOf: (item: T) => N): ConnectionOf<N> {
  const edges = page.items.map((item) => ({ cursor: cursorOf(item), node: nodeOf(item) }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** Opaque cursors: `<namespace>:<key>` base64url-encoded, so clients do not build or parse them. */
export function encodeCursor(namespace: string, key: string | number): string {
  return Buffer.from(`${namespace}:${key}`).toString('base64url');
}

/** The key of a cursor this API issued for `namespace`, or undefined for anything else. */
export function decodeCursor(namespace: string, cursor: string): string | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const prefix = `${namespace}:`;
  if (!text.startsWith(prefix) || text.length === prefix.length) return undefined;
  return text.slice(prefix.length);
}

export interface PageRequestRules<K> {
  /** The namespace of this list's cursors (`inc`, `prb`, `ci`). */
  readonly cursor: string;
  /** The largest `first` the list serves. */
  readonly maxFirst: number;
  /** The sort key a cursor holds, or undefined when the text is not one. */
  readonly parseKey: (key: string) => K | undefined;
  /** The context's own invalid-input error (its code is what clients see). */
  readonly invalid: (field: 'first' | 'after', message: string) => Error;
}

/** Checks `first` (1..maxFirst) and decodes `after` into the store's sort key. */
export function pageRequest<K>(args: { readonly first: number; readonly after?: string | null }, rules: PageRequestRules<K>): { readonly first: number; readonly after: K | undefined } {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > rules.maxFirst) throw rules.invalid('first', `first must be 1 to ${rules.maxFirst}`);
  if (args.after === undefined || args.after === null) return { first: args.first, after: undefined };
  const text = decodeCursor(rules.cursor, args.after);
  const key = text === undefined ? undefined : rules.parseKey(text);
  if (key === undefined) throw rules.invalid('after', 'the cursor is not one this API issued');
  return { first: args.first, after: key };
}
