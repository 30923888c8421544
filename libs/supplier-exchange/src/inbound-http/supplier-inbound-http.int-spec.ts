import { createEnvelope } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { parseSigningKey, signWebhook } from '@itsm/platform/webhooks';
import { expectEventually } from '@itsm/testing';
import { SupplierExchangeErrorCode } from '../domain';
import type { SupplierInboundEvent, SupplierUpdateEnvelope } from '../domain';
import { supplierExchangeContext } from '../supplier-exchange.context';
import { assignToSupplier, bootSupplierExchangeContext, connectTwoSuppliers } from '../test-fixtures/booted-supplier-exchange-context';
import type { BootedSupplierExchangeContext } from '../test-fixtures/booted-supplier-exchange-context';
import { SUPPLIER_KEYS } from '../test-fixtures/supplier-keys';
import { SUPPLIER_INBOUND_MAX_BODY_BYTES, SUPPLIER_INBOUND_ROUTE_PREFIX } from './supplier-inbound-http';

const EXCHANGE = 'itsm.supplier-exchange.v1';
let counter = 0;

/** A message of supplier A about `data.ticketId`, as A's system would build it. */
function message(type: SupplierInboundEvent['type'], data: Record<string, unknown>): EventEnvelope {
  counter += 1;
  return createEnvelope({ id: `acme-rest-${counter}`, source: 'https://acme.example/ticketing', type, subject: String(data['ticketId']), time: new Date(), data, sequence: counter, correlationid: `acme-rest-corr-${counter}` });
}

interface Post {
  readonly supplierId?: string;
  readonly key?: string;
  readonly timestamp?: number;
  readonly webhookId?: string;
  readonly body?: string;
  /** Sent instead of the signed body (a body changed after signing). */
  readonly sentBody?: string;
  readonly contentType?: string;
  readonly unsigned?: boolean;
}

/** The event POSTed as supplier A's system would: structured-mode JSON signed per Standard Webhooks by A's key now. */
function request(event: EventEnvelope, post: Post = {}): { readonly url: string; readonly init: RequestInit } {
  const body = post.body ?? JSON.stringify(event);
  const signature = signWebhook([parseSigningKey(post.key ?? SUPPLIER_KEYS.acme.privateKey)], post.webhookId ?? event.id, post.timestamp ?? Math.floor(Date.now() / 1000), body);
  return {
    url: `${SUPPLIER_INBOUND_ROUTE_PREFIX}/${post.supplierId ?? 'acme'}/troubleTicketEvent`,
    init: { method: 'POST', headers: { 'content-type': post.contentType ?? 'application/cloudevents+json', ...(post.unsigned ? {} : signature) }, body: post.sentBody ?? body },
  };
}

/** The suppliers' REST endpoint -> update-received events on itsm.supplier-exchange.v1, over real HTTP to the context's listener. */
describe('POST /tmf-api/supplier/v1/{supplierId}/troubleTicketEvent', () => {
  let booted: BootedSupplierExchangeContext;
  const updates = (ticketId: string) => booted.published.filter((e) => e.type === 'itsm.supplier-exchange.update-received.v1' && e.subject === ticketId).map((e) => e as SupplierUpdateEnvelope);
  const post = async (event: EventEnvelope, options: Post = {}) => {
    const { url, init } = request(event, options);
    const response = await fetch(`${booted.baseUrl}${url}`, init);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const assign = (ticketId: string, org: 'org-acme' | 'org-globex') => assignToSupplier(booted, ticketId, org);

  beforeAll(async () => {
    booted = await bootSupplierExchangeContext([EXCHANGE]);
    await connectTwoSuppliers(booted);
    await assign('inc-rest-1', 'org-acme');
    await assign('inc-rest-2', 'org-globex');
  });
  afterAll(() => booted.close());

  it("is the service's own route, which the all-in-one's gateway does not forward", () => {
    expect(supplierExchangeContext.httpRoutes).toEqual([{ prefix: SUPPLIER_INBOUND_ROUTE_PREFIX, maxBodyBytes: SUPPLIER_INBOUND_MAX_BODY_BYTES }]);
  });

  it("applies A's signed acknowledgement as A's agent (202 with the update id), without a bearer token", async () => {
    const ack = message('itsm.supplier.trouble-ticket-acknowledged.v1', { ticketId: 'inc-rest-1', externalIdentifier: 'ACME-77' });
    const answer = await post(ack);
    expect(answer).toEqual({ status: 202, body: { messageId: ack.id, updateId: `supplier-update:acme:${ack.id}`, replayed: false } });
    await expectEventually(() => expect(updates('inc-rest-1').map((u) => u.data.inboundMessageId)).toEqual([ack.id]));
    expect(updates('inc-rest-1')[0]).toMatchObject({ id: answer.body['updateId'], tenant: 'acme', data: { supplierId: 'acme', agentId: 'p-acme-agent', action: { kind: 'acknowledge' } } });
  });

  it('takes the same message delivered five times once: one 202, then 200 with the same answer', async () => {
    const note = message('itsm.supplier.trouble-ticket-note-added.v1', { ticketId: 'inc-rest-1', noteId: 'n-5', text: 'Engineer dispatched', author: 'Ann' });
    const { url, init } = request(note);
    const answers = await Promise.all([1, 2, 3, 4, 5].map(async () => {
      const response = await fetch(`${booted.baseUrl}${url}`, init);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    }));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 202]);
    expect(new Set(answers.map((a) => a.body['updateId']))).toEqual(new Set([`supplier-update:acme:${note.id}`]));
    await expectEventually(() => expect(updates('inc-rest-1').filter((u) => u.data.inboundMessageId === note.id)).toHaveLength(1));
  });

  it('refuses each bad message with its status, code and reason, applies none of them, and still applies a good one after them', async () => {
    const resolve = (ticketId: string, resolution = 'Replaced the line card') => message('itsm.supplier.trouble-ticket-resolved.v1', { ticketId, resolution });
    const forged = resolve('inc-rest-1');
    const expired = resolve('inc-rest-1');
    const unsigned = resolve('inc-rest-1');
    const others = resolve('inc-rest-2');
    const unknown = resolve('inc-rest-nowhere');
    const malformed = resolve('inc-rest-1', '');
    const mismatched = resolve('inc-rest-1');
    const oversize = resolve('inc-rest-1', 'x'.repeat(SUPPLIER_INBOUND_MAX_BODY_BYTES));
    const unknownSupplier = resolve('inc-rest-1');
    const error = (status: number, code: SupplierExchangeErrorCode, reason: string) => ({ status, body: expect.objectContaining({ code, reason, message: expect.any(String) }) });
    const S = SupplierExchangeErrorCode;

    expect(await post(unknownSupplier, { supplierId: 'initech' })).toEqual(error(404, S.UnknownSupplier, 'unknown_supplier'));
    expect(await post(forged, { key: SUPPLIER_KEYS.globex.privateKey })).toEqual(error(401, S.Unauthenticated, 'no_matching_signature'));
    expect(await post(expired, { timestamp: Math.floor(Date.now() / 1000) - 3_600 })).toEqual(error(401, S.Unauthenticated, 'timestamp_too_old'));
    expect(await post(unsigned, { unsigned: true })).toEqual(error(401, S.Unauthenticated, 'missing_header'));
    const tampered = JSON.stringify({ ...forged, data: { ticketId: 'inc-rest-1', resolution: 'changed after signing' } });
    expect(await post(forged, { sentBody: tampered })).toEqual(error(401, S.Unauthenticated, 'no_matching_signature'));
    expect(await post(others)).toEqual(error(422, S.InboundRefused, 'another_suppliers_ticket'));
    expect(await post(unknown)).toEqual(error(422, S.InboundRefused, 'unknown_ticket'));
    const invalid = await post(malformed);
    expect(invalid).toEqual(error(400, S.InvalidMessage, 'invalid_payload'));
    expect(invalid.body['details']).toEqual([expect.stringContaining('/resolution')]);
    expect(await post(mismatched, { webhookId: 'acme-rest-other' })).toEqual(error(400, S.InvalidMessage, 'id_mismatch'));
    expect(await post(mismatched, { body: '{"not": json' })).toEqual(error(400, S.InvalidMessage, 'not_json'));
    expect(await post(mismatched, { contentType: 'text/plain' })).toEqual(error(415, S.InvalidMessage, 'unsupported_media_type'));
    expect(await post(oversize)).toEqual(error(413, S.InvalidMessage, 'too_large'));

    const good = message('itsm.supplier.trouble-ticket-updated.v1', { ticketId: 'inc-rest-1', externalIdentifier: 'ACME-78' });
    expect((await post(good)).status).toBe(202);
    await expectEventually(() => expect(updates('inc-rest-1').map((u) => u.data.inboundMessageId)).toContain(good.id));
    const refusedIds = [forged, expired, unsigned, others, unknown, malformed, mismatched, oversize, unknownSupplier].map((m) => m.id);
    expect(updates('inc-rest-1').filter((u) => refusedIds.includes(u.data.inboundMessageId))).toEqual([]);
    expect(updates('inc-rest-2')).toEqual([]);
    expect(updates('inc-rest-nowhere')).toEqual([]);
  });
});
