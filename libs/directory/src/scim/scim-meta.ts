import { ScimError } from './scim.errors';

/** What `meta` is made of: the record's times and optimistic version. */
export interface Versioned {
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export interface ScimMeta {
  readonly resourceType: 'User' | 'Group';
  readonly created: string;
  readonly lastModified: string;
  readonly location: string;
  readonly version: string;
}

export function scimMeta(resourceType: 'User' | 'Group', record: Versioned, location: string): ScimMeta {
  return {
    resourceType,
    created: record.createdAt.toISOString(),
    lastModified: record.updatedAt.toISOString(),
    location,
    version: etagOf(record.version),
  };
}

/** The weak ETag of a version (meta.version and the ETag header). */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/**
 * The version an If-Match header demands (RFC 7644 §3.14): undefined when absent or `*`; an ETag
 * this provider did not issue can never match, so it is answered 412 Precondition Failed.
 */
export function expectedVersion(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '' || ifMatch.trim() === '*') return undefined;
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(ifMatch.trim());
  if (match?.[1] === undefined) throw new ScimError(412, undefined, `If-Match ${ifMatch} names no version of this resource.`);
  return Number(match[1]);
}
