import type { Criterion, DirectoryScope } from '../ports';
import { DirectoryError, DirectoryErrorCode } from '../../domain';
import type { DirectoryReadScope } from '../../domain';

/** One page of a list in id order, as the GraphQL connections page it (keyset: `after` is the last id seen). */
export interface PageOf<T> {
  readonly items: readonly T[];
  readonly hasNextPage: boolean;
}

/** The largest page a list serves. */
export const MAX_LIST_PAGE = 200;

/** The most people a plain member list (`Group.members`, `AssignmentGroup.members`) resolves; larger groups page through `people(filter: { groupId })`. */
export const MAX_LISTED_MEMBERS = 1_000;

/** Ids per store look-up when people are read by id (a criterion tree holds at most 200 criteria in the store). */
export const ID_BATCH = 100;

/** A page request as the handlers take it: the page size and the last id of the previous page. */
export interface PageArgs {
  readonly first: number;
  readonly after: string | undefined;
}

export function checkPageArgs({ first }: PageArgs): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_LIST_PAGE) {
    throw new DirectoryError(DirectoryErrorCode.InvalidInput, `first must be 1 to ${MAX_LIST_PAGE}`, { field: 'first' });
  }
}

export function emptyPage<T>(): PageOf<T> {
  return { items: [], hasNextPage: false };
}

/** Cuts `first + 1` fetched items into a page. */
export function toPage<T>(fetched: readonly T[], first: number): PageOf<T> {
  return { items: fetched.slice(0, first), hasNextPage: fetched.length > first };
}

/** All of the criteria (undefined: no condition). */
export function allOf<F extends string>(criteria: readonly Criterion<F>[]): Criterion<F> | undefined {
  if (criteria.length === 0) return undefined;
  return criteria.length === 1 ? criteria[0] : { and: criteria };
}

/** The keyset condition of a page after `after` (ids ascending). */
export function afterId<F extends string>(field: F, after: string | undefined): readonly Criterion<F>[] {
  return after === undefined ? [] : [{ field, op: 'gt', value: after }];
}

/** Any of the ids. */
export function idIn<F extends string>(field: F, ids: readonly string[]): Criterion<F> {
  return { or: ids.map((id) => ({ field, op: 'eq' as const, value: id })) };
}

/** The store's own scope for a read scope (an organisation's records only), so a store never answers beyond it. */
export function storeScope(scope: DirectoryReadScope): DirectoryScope | undefined {
  return scope.kind === 'organisation' ? { organisationId: scope.organisationId } : undefined;
}

const MAX_FILTER_TEXT = 254;

/** A filter's text value: trimmed, not empty, at most 254 characters. */
export function filterText(field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '' || text.length > MAX_FILTER_TEXT) {
    throw new DirectoryError(DirectoryErrorCode.InvalidInput, `${field} must be 1 to ${MAX_FILTER_TEXT} characters`, { field });
  }
  return text;
}

/** Splits ids into store look-ups of ID_BATCH. */
export function batches(ids: readonly string[]): readonly (readonly string[])[] {
  const result: string[][] = [];
  for (let start = 0; start < ids.length; start += ID_BATCH) result.push(ids.slice(start, start + ID_BATCH));
  return result;
}
