import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hasRole } from '@itsm/platform/auth';
import type { Principal, Role } from '@itsm/platform/auth';
import { ConfigError } from '@itsm/platform/config';
import { parse } from 'graphql';
import type { GraphQLError } from 'graphql';
import { GatewayErrorCode, gatewayError } from './gateway.errors';

/** The variable naming the manifest file. */
export const TRUSTED_DOCUMENTS_VARIABLE = 'GATEWAY_TRUSTED_DOCUMENTS';

/**
 * Operations the portals' builds registered, by the SHA-256 (hex) of their text: with these set the
 * gateway executes only them, except for callers holding one of `adHocRoles`.
 */
export interface TrustedDocuments {
  readonly documents: ReadonlyMap<string, string>;
  readonly adHocRoles: readonly Role[];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

interface ManifestOperation {
  readonly id?: unknown;
  readonly body?: unknown;
}

/**
 * A manifest as the portals' builds write it: Apollo's persisted query manifest
 * (`{ format: "apollo-persisted-query-manifest", version: 1, operations: [{ id, body, ... }] }`) or
 * GraphQL Code Generator's `persisted-documents.json` (`{ "<sha256>": "<document>" }`). Every id must
 * be the SHA-256 of its document and every document must parse: a manifest that does not hold is
 * refused as a whole, naming the entry.
 */
export function parseTrustedDocuments(text: string, source = TRUSTED_DOCUMENTS_VARIABLE): Map<string, string> {
  const refuse = (message: string): never => {
    throw new ConfigError([{ variable: TRUSTED_DOCUMENTS_VARIABLE, message: `${source}: ${message}` }]);
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error: unknown) {
    return refuse(`not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return refuse('expected a JSON object');
  const manifest = json as { format?: unknown; version?: unknown; operations?: unknown };
  let entries: [unknown, unknown][];
  if (manifest.format !== undefined) {
    if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
      return refuse('expected an apollo-persisted-query-manifest of version 1 with an operations list');
    }
    entries = (manifest.operations as ManifestOperation[]).map((operation) => [operation?.id, operation?.body]);
  } else {
    entries = Object.entries(json);
  }
  const documents = new Map<string, string>();
  entries.forEach(([id, body], index) => {
    const where = `entry ${index + 1}${typeof id === 'string' ? ` (${id.slice(0, 12)}…)` : ''}`;
    if (typeof id !== 'string' || !SHA256_HEX.test(id)) refuse(`${where}: the id must be a lowercase hex SHA-256`);
    if (typeof body !== 'string' || body.trim() === '') refuse(`${where}: the document must be a non-empty string`);
    const text = body as string;
    if (documentHash(text) !== id) refuse(`${where}: the id is not the SHA-256 of its document`);
    try {
      parse(text);
    } catch (error: unknown) {
      refuse(`${where}: the document does not parse (${error instanceof Error ? error.message : String(error)})`);
    }
    documents.set(id as string, text);
  });
  if (documents.size === 0) refuse('the manifest registers no operation');
  return documents;
}

/** The id a document is registered and sent under. */
export function documentHash(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

export function loadTrustedDocuments(file: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error: unknown) {
    throw new ConfigError([{ variable: TRUSTED_DOCUMENTS_VARIABLE, message: `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  return parseTrustedDocuments(text, file);
}

/** An id the manifest does not register (HTTP 400). */
export const unknownDocument = (): GraphQLError => gatewayError(GatewayErrorCode.UnknownDocument, 'this operation is not one of the gateway\'s trusted documents');

/** An operation's text from a caller who may not send ad-hoc operations (HTTP 403). */
export const trustedDocumentsOnly = (): GraphQLError => gatewayError(GatewayErrorCode.TrustedDocumentsOnly, 'this gateway runs trusted documents only: send a registered document id');

/** The caller may still send operations' text (it holds one of the ad-hoc roles). */
export const mayRunAdHoc = (trusted: TrustedDocuments, principal: Principal | undefined): boolean => principal !== undefined && hasRole(principal, ...trusted.adHocRoles);

/**
 * The runtime's persisted-documents options for `trusted` (who may send ad-hoc operations comes from
 * the edge's principal; `internal` requests are the gateway's own: a subscription's re-query of a
 * document it checked when the subscriber subscribed).
 */
export function trustedDocumentsOptions(trusted: TrustedDocuments, principalOf: (request: Request) => Principal | undefined, internal: (request: Request) => boolean = () => false) {
  return {
    getPersistedOperation: (id: string) => trusted.documents.get(id) ?? null,
    allowArbitraryDocuments: (request: Request) => internal(request) || mayRunAdHoc(trusted, principalOf(request)),
    customErrors: { notFound: unknownDocument, persistedQueryOnly: trustedDocumentsOnly, keyNotFound: trustedDocumentsOnly },
  };
}
