import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { Type } from '@sinclair/typebox';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineTopic, defineTopicFamily } from '../topic-registry';
import { PLATFORM_TOPIC_FAMILIES, PLATFORM_TOPICS } from '../topics/platform-topics';
import type { JsonObject } from './asyncapi-components';
import { asyncApiDocument } from './asyncapi-document';
import { PLATFORM_VERSION, platformAsyncApiDocument } from './platform-asyncapi';

// The AsyncAPI parser (spectral rules) takes ~4 s on the platform's ~550 kB document.
jest.setTimeout(60_000);

const parser = new Parser();
async function parse(document: JsonObject) {
  const { document: parsed, diagnostics } = await parser.parse(JSON.stringify(document));
  const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => `${d.code} ${d.message} at ${d.path.join('/')}`);
  return { parsed, errors };
}

describe('the AsyncAPI document of the event contract', () => {
  let platform: JsonObject;
  let result: Awaited<ReturnType<typeof parse>>;
  beforeAll(async () => {
    platform = platformAsyncApiDocument();
    result = await parse(platform);
  });

  it('validates with the AsyncAPI parser: no diagnostic of severity error', () => {
    expect(result.errors).toEqual([]);
    expect(result.parsed?.version()).toBe('3.0.0');
  });

  it('names every registered topic as a channel address, with every event type of the topic as a message', () => {
    const channels = result.parsed?.channels().all() ?? [];
    for (const topic of PLATFORM_TOPICS) {
      const channel = channels.find((c) => c.address() === topic.name);
      expect(channel?.messages().all().map((m) => m.name()).sort()).toEqual(Object.keys(topic.events).sort());
    }
    for (const family of PLATFORM_TOPIC_FAMILIES) {
      const channel = channels.find((c) => c.address() === family.template);
      expect(channel?.parameters().all().map((p) => p.id())).toEqual([family.parameter.name]);
      expect(channel?.messages().all().map((m) => m.name()).sort()).toEqual(Object.keys(family.events).sort());
    }
  });

  it('is plain JSON (no TypeBox symbols) and carries the release of the root package.json', () => {
    expect(JSON.parse(JSON.stringify(platform))).toEqual(platform);
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../../../package.json'), 'utf8')) as { version: string };
    expect(PLATFORM_VERSION).toBe(pkg.version);
  });

  it('describes a new family as one parameterised channel the platform receives on, its messages signed', async () => {
    const ticket = defineTopic({ name: 'itsm.ticket.v1', aggregate: 'ticket', partitions: 2, events: { 'itsm.ticket.opened.v1': Type.Object({ id: Type.String() }) } });
    const inbound = defineTopicFamily({
      template: 'itsm.party.{partyId}.in.v1',
      parameter: { name: 'partyId', description: 'a party id' },
      writer: 'party',
      aggregate: 'ticket',
      partitions: 3,
      events: { 'itsm.party.ticket-noted.v1': Type.Object({ ticketId: Type.String({ minLength: 1 }) }) },
    });
    const { parsed, errors } = await parse(asyncApiDocument([ticket], [inbound], { title: 't', version: '1.2.3', description: 'd' }));
    expect(errors).toEqual([]);
    const channel = parsed?.channels().all().find((c) => c.address() === 'itsm.party.{partyId}.in.v1');
    expect(channel?.parameters().all().map((p) => p.id())).toEqual(['partyId']);
    const receive = parsed?.operations().all().find((o) => o.channels().all().some((c) => c.address() === 'itsm.party.{partyId}.in.v1'));
    expect(receive?.action()).toBe('receive');
    expect(parsed?.operations().all().find((o) => o.channels().all().some((c) => c.address() === 'itsm.ticket.v1'))?.action()).toBe('send');
    const message = channel?.messages().all()[0];
    expect(message?.traits().all().map((t) => t.summary())).toEqual(['Signed with the Standard Webhooks scheme']);
    expect(Object.keys(message?.headers()?.json() ?? {})).toContain('allOf');
    expect(parsed?.channels().all().map((c) => c.address())).toContain('{topic}.dlq');
  });

  it('is checked for real: a channel referencing a missing message is reported as an error', async () => {
    const broken = JSON.parse(JSON.stringify(platform)) as { channels: Record<string, { messages: Record<string, unknown> }> };
    broken.channels['itsm.incident.v1']!.messages['ghost'] = { $ref: '#/components/messages/ghost' };
    const { errors } = await parse(broken as unknown as JsonObject);
    expect(errors.join('\n')).toMatch(/ghost/);
  });
});
