import { defineTopic, defineTopicFamily } from '@itsm/contracts';
import { Module } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { defineContext } from './context-declaration';
import type { ContextDeclaration } from './context-declaration';
import { checkContextDeclarations, contextDeclarationProblems } from './declaration-checks';
import { ContextDeclarationError } from './service-kit.errors';

@Module({})
class FakeModule {}

const ticketTopic = defineTopic({ name: 'itsm.ticket.v1', aggregate: 'ticket', partitions: 3, events: {} });
const changeTopic = defineTopic({ name: 'itsm.change.v1', aggregate: 'change', partitions: 3, events: {} });
const partyFamily = defineTopicFamily({ template: 'itsm.party.{partyId}.in.v1', parameter: { name: 'partyId', description: 'a party id' }, writer: 'party', aggregate: 'ticket', partitions: 3, events: {} });

function context(name: string, overrides: Partial<ContextDeclaration> = {}): ContextDeclaration {
  return defineContext({
    name,
    defaultPort: 4200,
    env: Type.Object({}),
    topics: { owns: [], consumes: [] },
    consumerGroup: `${name}-service`,
    subgraph: { module: FakeModule, schema: FakeModule },
    settings: () => ({}),
    module: () => ({ module: FakeModule }),
    ...overrides,
  });
}

describe('context declarations', () => {
  it('accepts distinct names, ports, owned topics and groups', () => {
    const list = [context('ticket', { topics: { owns: [ticketTopic], consumes: [] } }), context('change', { defaultPort: 4201, topics: { owns: [changeTopic], consumes: [ticketTopic] } })];
    expect(contextDeclarationProblems(list)).toEqual([]);
    expect(() => checkContextDeclarations(list)).not.toThrow();
  });

  it('refuses a name declared twice and a port two contexts claim, naming both', () => {
    expect(contextDeclarationProblems([context('ticket'), context('ticket', { defaultPort: 4201, consumerGroup: 'other' }), context('change')])).toEqual([
      'context name ticket is declared twice',
      'port 4200 is declared by ticket and change',
    ]);
  });

  it('refuses a topic owned by two contexts and a shared consumer group', () => {
    const list = [
      context('ticket', { topics: { owns: [ticketTopic], consumes: [] }, consumerGroup: 'shared' }),
      context('change', { defaultPort: 4201, topics: { owns: [ticketTopic], consumes: [] }, consumerGroup: 'shared' }),
    ];
    expect(contextDeclarationProblems(list)).toEqual(['owned topic itsm.ticket.v1 is declared by ticket and change', 'consumer group shared is declared by ticket and change']);
  });

  it('asks a context reading topic families for a group of its own over them, not shared with another context', () => {
    const families = { owns: [], consumes: [], consumesFamilies: [partyFamily] };
    expect(contextDeclarationProblems([context('ticket', { topics: families, familyConsumerGroup: 'ticket-parties' })])).toEqual([]);
    expect(contextDeclarationProblems([context('ticket', { topics: families })])).toEqual([
      'context ticket: consumes topic families, so it needs a familyConsumerGroup of its own (their members follow runtime data)',
    ]);
    expect(contextDeclarationProblems([context('ticket', { familyConsumerGroup: 'ticket-parties' })])).toEqual([
      'context ticket: declares familyConsumerGroup ticket-parties but consumes no topic family',
    ]);
    expect(contextDeclarationProblems([context('ticket', { topics: families, familyConsumerGroup: 'change-service' }), context('change', { defaultPort: 4201 })])).toEqual([
      'consumer group change-service is declared by ticket and change',
    ]);
  });

  it('refuses a name that cannot name a database, a port out of range, an empty group, an owned topic listed as consumed', () => {
    expect(contextDeclarationProblems([context('Ticket-Desk', { defaultPort: 70_000, consumerGroup: ' ', topics: { owns: [ticketTopic], consumes: [ticketTopic] } })])).toEqual([
      'context name "Ticket-Desk" must be lower-case letters, digits or _ (it names its database)',
      'context Ticket-Desk: default port 70000 is not a TCP port',
      'context Ticket-Desk: consumer group is empty',
      'context Ticket-Desk: lists itsm.ticket.v1 as owned and consumed (owned topics are read without listing them again)',
    ]);
  });

  it('refuses a route prefix that is no path, one over the kit\'s own paths, and prefixes of two contexts that overlap', () => {
    const list = [
      context('ticket', { httpRoutes: [{ prefix: '/scim/v2/' }, { prefix: '/health/x' }, { prefix: '/asyncapi.json' }, { prefix: '/SCIM/v2' }] }),
      context('change', { defaultPort: 4201, httpRoutes: [{ prefix: '/scim' }, { prefix: '/files' }] }),
    ];
    expect(contextDeclarationProblems(list)).toEqual([
      'context ticket: route prefix "/scim/v2/" must be a path like /scim/v2 (no trailing slash)',
      "context ticket: route prefix /health/x overlaps the kit's /graphql, /health, /metrics, /asyncapi.json",
      "context ticket: route prefix /asyncapi.json overlaps the kit's /graphql, /health, /metrics, /asyncapi.json",
      'route prefixes /SCIM/v2 (ticket) and /scim (change) overlap',
    ]);
  });

  it('throws one error listing every problem', () => {
    const error: unknown = (() => {
      try {
        checkContextDeclarations([context('ticket'), context('ticket')]);
        return undefined;
      } catch (thrown: unknown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ContextDeclarationError);
    expect((error as ContextDeclarationError).message).toBe(
      'Context declarations are inconsistent:\n  - context name ticket is declared twice\n  - port 4200 is declared by ticket and ticket\n  - consumer group ticket-service is declared by ticket and ticket',
    );
  });
});
