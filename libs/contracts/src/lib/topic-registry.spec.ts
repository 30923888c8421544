import { Type } from '@sinclair/typebox';
import { ContractError, ContractErrorCode } from './contract.errors';
import type { EventEnvelope } from './event-envelope';
import { deadLetterTopicOf, defineTopic, TopicRegistry } from './topic-registry';
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
});
