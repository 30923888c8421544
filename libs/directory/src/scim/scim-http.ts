import type { HttpAnswer } from '@itsm/platform/service';
import type { IncomingMessage } from 'node:http';
import { SCIM_CONTENT_TYPE, scimErrorAnswer } from './scim-body.middleware';
import type { ScimJson } from './scim-json';
import { excludes, projection, readPage } from './scim-list';
import type { ScimPage } from './scim-list';
import { etagOf } from './scim-meta';
import { ScimError } from './scim.errors';

/** The part of Express's reply the SCIM controllers use. */
export interface ScimReply {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
}

export const SCIM_ROOT = 'scim/v2';
/** The service provider's path prefix, as the service kit's route declarations write it. */
export const SCIM_ROUTE_PREFIX = `/${SCIM_ROOT}`;

/** What an edge (the all-in-one's gateway) answers when the directory cannot be reached (503) or is too slow (504). */
export function scimUnreachable(status: 503 | 504, detail: string): HttpAnswer {
  return scimErrorAnswer(new ScimError(status, undefined, detail));
}

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$/;

/** The service provider's base URL as the client reached it (meta.location, Location): forwarded headers first, checked. */
export function scimBaseUrl(request: IncomingMessage): string {
  const forwardedProto = first(request.headers['x-forwarded-proto']);
  const proto = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : 'encrypted' in request.socket && request.socket.encrypted === true ? 'https' : 'http';
  const candidate = first(request.headers['x-forwarded-host']) ?? request.headers.host ?? '';
  const host = HOST.test(candidate) ? candidate : 'localhost';
  return `${proto}://${host}/${SCIM_ROOT}`;
}

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.split(',')[0]?.trim();
}

/** Content type and, for a resource, its ETag. */
export function scimHeaders(reply: ScimReply, version?: number): void {
  reply.header('Content-Type', `${SCIM_CONTENT_TYPE}; charset=utf-8`);
  if (version !== undefined) reply.header('ETag', etagOf(version));
}

/** A query parameter given once (a repeated one is the first). */
export function queryText(value: unknown): string | undefined {
  if (Array.isArray(value)) return queryText(value[0]);
  return typeof value === 'string' ? value : undefined;
}

/** The query parameters of a GET (RFC 7644 §3.4.2): filter, page and attribute projection. */
export interface ScimReadQuery {
  readonly filter: string | undefined;
  readonly page: ScimPage;
  readonly project: (resource: ScimJson) => ScimJson;
  /** Whether the client excluded `attribute` (so it need not be written at all). */
  excludes(attribute: string): boolean;
}

export function readQuery(query: Record<string, unknown>): ScimReadQuery {
  const excluded = queryText(query['excludedAttributes']);
  return {
    filter: queryText(query['filter']),
    page: readPage(queryText(query['startIndex']), queryText(query['count'])),
    project: projection(queryText(query['attributes']), excluded),
    excludes: (attribute) => excludes(excluded, attribute),
  };
}
