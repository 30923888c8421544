import { encodeCursor, pageRequest } from '@itsm/platform/graphql';
import { NotificationErrorCode, notificationError } from '../domain';
import type { NotificationEndpoint } from '../domain/endpoints';
import type { EndpointOutcome } from '../application/ports/endpoint-sender.port';
import { endpointSortKey } from '../persistence/notification-endpoint.repository';
import type { EndpointTestResultGql, NotificationEndpointGql } from './notification-endpoint.types';

const CURSOR = 'nendpoint';

/** Where an endpoint posts, without credentials: chat webhook URLs are secrets as a whole (Slack's path, Teams' `sig=`). */
function targetOf(endpoint: NotificationEndpoint): string {
  const url = new URL(endpoint.url);
  return endpoint.channel === 'webhook' ? `${url.origin}${url.pathname}` : `${url.origin}/…`;
}

export function toEndpointGql(endpoint: NotificationEndpoint): NotificationEndpointGql {
  const disabled = endpoint.state.kind === 'disabled' ? endpoint.state : null;
  return {
    id: endpoint.id,
    name: endpoint.name,
    channel: endpoint.channel,
    target: targetOf(endpoint),
    enabled: disabled === null,
    disabledReason: disabled?.reason ?? null,
    disabledAt: disabled === null ? null : new Date(disabled.at),
    goneAnswers: endpoint.broken?.count ?? 0,
    secrets: endpoint.secrets.map((s) => ({ id: s.id, createdAt: new Date(s.createdAt) })),
    owner: endpoint.owner,
    contact: endpoint.contact,
  };
}

export function toTestResultGql(outcome: EndpointOutcome): EndpointTestResultGql {
  return { outcome: outcome.kind, detail: outcome.kind === 'sent' ? outcome.detail : outcome.reason, retryAfterMs: outcome.kind === 'retry' ? outcome.afterMs : null };
}

export const endpointCursor = (endpoint: NotificationEndpoint): string => encodeCursor(CURSOR, endpointSortKey(endpoint));

export function endpointPage(args: { readonly first: number; readonly after?: string | null }): { readonly first: number; readonly after: string | null } {
  const request = pageRequest(args, {
    cursor: CURSOR,
    maxFirst: 200,
    parseKey: (key) => (key.includes('\u0000') ? key : undefined),
    invalid: (field, message) => notificationError(NotificationErrorCode.InvalidInput, message, { field }),
  });
  return { first: request.first, after: request.after ?? null };
}
