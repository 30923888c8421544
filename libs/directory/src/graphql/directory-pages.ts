import { encodeCursor, pageRequest, toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf, PageRequestRules } from '@itsm/platform/graphql';
import { DirectoryError, DirectoryErrorCode } from '../domain';
import { MAX_LIST_PAGE } from '../application/queries';
import type { PageArgs, PageOf } from '../application/queries';

/** Directory ids (people, groups, organisations): letters, digits and . _ : @ -, at most 64. */
const DIRECTORY_ID = /^[A-Za-z0-9._:@-]{1,64}$/;

/** The page rules of one directory list (cursor namespace `person`, `group`, `org`); a cursor holds the last id seen. */
export function directoryPages(cursor: string): PageRequestRules<string> {
  return {
    cursor,
    maxFirst: MAX_LIST_PAGE,
    parseKey: (key) => (DIRECTORY_ID.test(key) ? key : undefined),
    invalid: (field, message) => new DirectoryError(DirectoryErrorCode.InvalidInput, message, { field }),
  };
}

export const PERSON_PAGES = directoryPages('person');
export const GROUP_PAGES = directoryPages('group');
export const ORGANISATION_PAGES = directoryPages('org');

/** `first`/`after` of a GraphQL list, checked, as the handlers take them. */
export function pageArgs(rules: PageRequestRules<string>, first: number, after: string | null | undefined): PageArgs {
  return pageRequest({ first, after }, rules);
}

/** A handler's page as a connection: each node's cursor is its id. */
export function directoryConnection<T extends { readonly id: string }, N>(rules: PageRequestRules<string>, page: PageOf<T>, nodeOf: (item: T) => N): ConnectionOf<N> {
  return toConnection(page, (item) => encodeCursor(rules.cursor, item.id), nodeOf);
}
