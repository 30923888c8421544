import { Type } from '@sinclair/typebox';
import { ContractError, ContractErrorCode } from './contract.errors';
import type { EventEnvelope } from './event-envelope';
import { deadLetterTopicOf, defineTopic, defineTopicFamily, familyValueOf, topicOfFamily, TopicRegistry } from './topic-registry';
import type { EventOn, TopicNames } from './topic-registry';

const ticketTopic = defineTopic({
  name: 'itsm.ticket.v1',
  aggregate: 'ticket',
  partitions: 8,
  events: {
    'itsm.ticket.opened.v1': Type.Object({ title: Type.String({ minLength: 1 }), openedAt: Type.String({ format: 'date-time' }) }, { additionalProperties: false }),
    'itsm.ticket.closed.v1': Type.Object({ reason: Type.Union([Type.Literal('fixed'), Type.Literal('duplicate')]) }, { additionalProperties: false }),
  },
});
const registry = new TopicRegistry([ticketTopic]);

function codeOf(run: () => void): ContractErrorCode {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    return (error as ContractError).code;
  }
  throw new Error('expected a ContractError');
}

describe('TopicRegistry', () => {
  it('accepts a payload that satisfies its versioned schema', () => {
    expect(() => registry.validatePayload('itsm.ticket.v1', 'itsm.ticket.opened.v1', { title: 'VPN', openedAt: '2026-11-20T10:00:00Z' })).not.toThrow();
  });

  it.each([
    ['an unknown topic', 'itsm.nope.v1', 'itsm.ticket.opened.v1', {}, ContractErrorCode.UnknownTopic],
    ['a type not allowed on the topic', 'itsm.ticket.v1', 'itsm.ticket.deleted.v1', {}, ContractErrorCode.UnknownEventType],
    ['a missing field', 'itsm.ticket.v1', 'itsm.ticket.opened.v1', { openedAt: '2026-11-20T10:00:00Z' }, ContractErrorCode.InvalidPayload],
    ['an extra field', 'itsm.ticket.v1', 'itsm.ticket.closed.v1', { reason: 'fixed', $where: '1' }, ContractErrorCode.InvalidPayload],
    ['a value outside the enum', 'itsm.ticket.v1', 'itsm.ticket.closed.v1', { reason: 'bored' }, ContractErrorCode.InvalidPayload],
    ['a malformed date-time', 'itsm.ticket.v1', 'itsm.ticket.opened.v1', { title: 'x', openedAt: 'soon' }, ContractErrorCode.InvalidPayload],
  ])('refuses %s', (_label, topic, type, data, code) => {
    expect(codeOf(() => registry.validatePayload(topic, type, data))).toBe(code);
  });

  it('names the failing field in the error', () => {
    expect(() => registry.validatePayload('itsm.ticket.v1', 'itsm.ticket.opened.v1', { title: '', openedAt: '2026-11-20T10:00:00Z' })).toThrow(/\/title must NOT have fewer than 1 characters/);
  });

  it('refuses badly named topics and event types, and a topic registered twice', () => {
    expect(() => defineTopic({ name: 'tickets', aggregate: 't', partitions: 1, events: {} })).toThrow(/itsm.<aggregate>.v<N>/);
    expect(() => defineTopic({ name: 'itsm.t.v1', aggregate: 't', partitions: 1, events: { Opened: Type.Object({}) } })).toThrow(/\.v<N>/);
    expect(() => new TopicRegistry([ticketTopic, ticketTopic])).toThrow(/registered twice/);
  });

  it('derives the dead-letter topic', () => {
    expect(deadLetterTopicOf('itsm.ticket.v1')).toBe('itsm.ticket.v1.dlq');
  });

  it('types events by topic, so a wrong payload does not compile', () => {
    type Topics = [typeof ticketTopic];
    const publish = <N extends TopicNames<Topics>>(_topic: N, _events: EventOn<Topics, N>[]): number => _events.length;
    const base = { specversion: '1.0', id: '1', source: '/s', subject: 'k', time: '', datacontenttype: 'application/json', sequence: 1, correlationid: 'c' } as const;
    const good: EventEnvelope<'itsm.ticket.closed.v1', { reason: 'fixed' }> = { ...base, type: 'itsm.ticket.closed.v1', data: { reason: 'fixed' } };
    expect(publish('itsm.ticket.v1', [good])).toBe(1);
    // @ts-expect-error -- the payload of itsm.ticket.closed.v1 has no `title`
    publish('itsm.ticket.v1', [{ ...base, type: 'itsm.ticket.closed.v1', data: { title: 'x' } }]);
    // @ts-expect-error -- itsm.ticket.reopened.v1 is not an event of this topic
    publish('itsm.ticket.v1', [{ ...base, type: 'itsm.ticket.reopened.v1', data: {} }]);
    // @ts-expect-error -- no such topic
    publish('itsm.other.v1', [good]);
  });

  describe('topic families (one topic per party)', () => {
    const outbound = defineTopicFamily({
      template: 'itsm.party.{partyId}.out.v1',
      parameter: { name: 'partyId', description: 'a party id' },
      writer: 'platform',
      aggregate: 'ticket',
      partitions: 3,
      events: { 'itsm.party.ticket-sent.v1': Type.Object({ ticketId: Type.String({ minLength: 1 }) }, { additionalProperties: false }) },
    });
    const withFamily = new TopicRegistry([ticketTopic], [outbound]);

    it('resolves a member by name to a topic of the family\'s partitions, and validates its payloads with the family\'s schemas', () => {
      expect(withFamily.topic('itsm.party.acme-2.out.v1')).toEqual({ name: 'itsm.party.acme-2.out.v1', aggregate: 'ticket', partitions: 3, events: outbound.events });
      expect(withFamily.familyOf('itsm.party.acme-2.out.v1')).toEqual({ family: outbound, value: 'acme-2' });
      expect(() => withFamily.validatePayload('itsm.party.acme-2.out.v1', 'itsm.party.ticket-sent.v1', { ticketId: 't-1' })).not.toThrow();
      expect(codeOf(() => withFamily.validatePayload('itsm.party.acme-2.out.v1', 'itsm.party.ticket-sent.v1', { ticketId: '' }))).toBe(ContractErrorCode.InvalidPayload);
      expect(codeOf(() => withFamily.validatePayload('itsm.party.acme-2.out.v1', 'itsm.ticket.opened.v1', {}))).toBe(ContractErrorCode.UnknownEventType);
      expect(withFamily.topic('itsm.ticket.v1')).toBe(ticketTopic);
    });

    it.each([
      ['a value with a dot (another topic\'s prefix)', 'itsm.party.acme.x.out.v1'],
      ['an upper-case value', 'itsm.party.Acme.out.v1'],
      ['an empty value', 'itsm.party..out.v1'],
      ['a one-character value', 'itsm.party.a.out.v1'],
      ['a value with a double dash', 'itsm.party.a--b.out.v1'],
      ['another suffix', 'itsm.party.acme.in.v1'],
    ])('is not a member for %s', (_label, name) => {
      expect(familyValueOf(outbound, name)).toBeNull();
      expect(withFamily.topic(name)).toBeUndefined();
      expect(codeOf(() => withFamily.validatePayload(name, 'itsm.party.ticket-sent.v1', { ticketId: 't-1' }))).toBe(ContractErrorCode.UnknownTopic);
    });

    it('names a member only for a value that fits a topic name part', () => {
      expect(topicOfFamily(outbound, 'fabrikam').name).toBe('itsm.party.fabrikam.out.v1');
      expect(codeOf(() => topicOfFamily(outbound, 'fab.rikam'))).toBe(ContractErrorCode.UnknownTopic);
    });

    it('refuses a template without exactly its one placeholder, a badly named member, and a family registered twice', () => {
      const events = {};
      const parameter = { name: 'partyId', description: 'a party id' };
      expect(() => defineTopicFamily({ template: 'itsm.party.out.v1', parameter, writer: 'platform', aggregate: 't', partitions: 1, events })).toThrow(/exactly one \{partyId\}/);
      expect(() => defineTopicFamily({ template: 'itsm.{partyId}.{partyId}.v1', parameter, writer: 'platform', aggregate: 't', partitions: 1, events })).toThrow(/exactly one/);
      expect(() => defineTopicFamily({ template: 'itsm.party.{other}.v1', parameter, writer: 'platform', aggregate: 't', partitions: 1, events })).toThrow(/exactly one \{partyId\}/);
      expect(() => defineTopicFamily({ template: 'party.{partyId}.v1', parameter, writer: 'platform', aggregate: 't', partitions: 1, events })).toThrow(/itsm.<aggregate>.v<N>/);
      expect(() => new TopicRegistry([], [outbound, { ...outbound }])).toThrow(/registered twice/);
    });
  });
});
