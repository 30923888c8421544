import { SlaError, SlaErrorCode } from '../sla.errors';
import { HOUR, calendarExists, definition } from '../clock/test-fixtures/clock-fixtures';
import type { DefinitionOverrides } from '../clock/test-fixtures/clock-fixtures';
import type { SlaDefinition, TicketType } from './sla-definition';
import { DEFAULT_WARNING_THRESHOLDS, TICKET_STATES, validateDefinition } from './sla-definition';

function failure(candidate: SlaDefinition): SlaError {
  try {
    validateDefinition(candidate, calendarExists);
  } catch (error) {
    if (error instanceof SlaError) return error;
    throw error;
  }
  throw new Error('expected validateDefinition to throw');
}

describe('validateDefinition', () => {
  it('knows the incident states and the default warnings', () => {
    expect(TICKET_STATES.incident).toEqual(['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled']);
    expect(DEFAULT_WARNING_THRESHOLDS).toEqual([50, 75]);
  });

  it('returns a normalised copy: lists sorted and unique, name trimmed; the input is untouched', () => {
    const input = definition({
      name: '  P2 resolution  ',
      warningThresholds: [75, 50, 75, 90],
      appliesTo: {
        priorities: [3, 1, 3],
        serviceIds: ['svc-vpn', 'svc-email', 'svc-vpn'],
        customerOrgIds: ['org-b', 'org-a'],
        supplierOrgIds: [],
        assignmentGroupIds: ['grp-2', 'grp-1', 'grp-1'],
      },
      conditions: {
        start: ['in_progress', 'new', 'new'],
        pause: ['on_hold'],
        resume: [],
        stop: ['resolved', 'closed', 'resolved'],
        cancel: ['canceled'],
        reset: [],
      },
    });
    const snapshot = structuredClone(input);
    const valid = validateDefinition(input, calendarExists);
    expect(valid).toEqual({
      ...input,
      name: 'P2 resolution',
      warningThresholds: [50, 75, 90],
      appliesTo: {
        priorities: [1, 3],
        serviceIds: ['svc-email', 'svc-vpn'],
        customerOrgIds: ['org-a', 'org-b'],
        supplierOrgIds: [],
        assignmentGroupIds: ['grp-1', 'grp-2'],
        offeringIds: [],
        catalogItemIds: [],
      },
      conditions: { start: ['in_progress', 'new'], pause: ['on_hold'], resume: [], stop: ['closed', 'resolved'], cancel: ['canceled'], reset: [] },
    });
    expect(input).toEqual(snapshot);
    expect(validateDefinition(valid, calendarExists)).toEqual(valid);
  });

  it.each<[string, DefinitionOverrides]>([
    ['a one-minute target', { targetMs: 60_000 }],
    ['a 366-day target', { targetMs: 366 * 24 * HOUR }],
    ['warnings at 1 and 99 %', { warningThresholds: [1, 99] }],
    ['no warnings at all', { warningThresholds: [] }],
    ['only a cancel condition to end the clock', { conditions: { stop: [], cancel: ['canceled', 'resolved', 'closed'] } }],
    ['a reset state that also starts the clock', { conditions: { reset: ['new'] } }],
    ['an explicit resume list overlapping start', { conditions: { resume: ['in_progress'] } }],
    ['a UC per supplier segment', { kind: 'UC', scope: 'supplier_segment', appliesTo: { supplierOrgIds: ['northwind'] } }],
    ['an OLA per group segment', { kind: 'OLA', scope: 'group_segment' }],
    ['a UC on the whole ticket', { kind: 'UC', scope: 'ticket' }],
    ['the 24x7 calendar in New York', { calendarId: '24x7', timeZone: 'America/New_York' }],
  ])('accepts %s', (_label, overrides) => {
    expect(() => validateDefinition(definition(overrides), calendarExists)).not.toThrow();
  });

  it.each<[string, DefinitionOverrides, string, Record<string, string | number>]>([
    ['an empty id', { id: ' ' }, 'id', {}],
    ['a blank name', { name: '   ' }, 'name', {}],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, 'name', {}],
    ['a target under a minute', { targetMs: 59_999 }, 'targetMs', { value: 59_999 }],
    ['a fractional target', { targetMs: 90_000.5 }, 'targetMs', { value: 90_000.5 }],
    ['a target over 366 days', { targetMs: 366 * 24 * HOUR + 1 }, 'targetMs', {}],
    ['a supplier segment measured by an OLA', { kind: 'OLA', scope: 'supplier_segment' }, 'scope', {}],
    ['a supplier segment measured by an SLA', { kind: 'SLA', scope: 'supplier_segment' }, 'scope', {}],
    ['a group segment measured by a UC', { kind: 'UC', scope: 'group_segment' }, 'scope', {}],
    ['a supplier-segment UC naming no supplier', { kind: 'UC', scope: 'supplier_segment' }, 'appliesTo.supplierOrgIds', {}],
    ['a warning at 0 %', { warningThresholds: [0, 50] }, 'warningThresholds', { value: 0 }],
    ['a warning at 100 % (that is the breach)', { warningThresholds: [50, 100] }, 'warningThresholds', { value: 100 }],
    ['a fractional warning', { warningThresholds: [50.5] }, 'warningThresholds', { value: 50.5 }],
    ['priority 0', { appliesTo: { priorities: [0] } }, 'appliesTo.priorities', { value: 0 }],
    ['priority 6', { appliesTo: { priorities: [1, 6] } }, 'appliesTo.priorities', { value: 6 }],
    ['no start state', { conditions: { start: [] } }, 'conditions.start', {}],
    ['neither stop nor cancel', { conditions: { stop: [], cancel: [] } }, 'conditions.stop', {}],
  ])('rejects %s (SLA.INVALID_DEFINITION, field named)', (_label, overrides, field, details) => {
    const error = failure(definition(overrides));
    expect(error.code).toBe(SlaErrorCode.InvalidDefinition);
    expect(error.details).toMatchObject({ field, ...details });
    expect(error.message).toContain(`Invalid SLA definition: ${field}:`);
  });

  it('rejects an unknown state in pause, naming the state and the known ones', () => {
    const error = failure(definition({ conditions: { pause: ['on_hold', 'awaiting_vendor'] } }));
    expect(error.code).toBe(SlaErrorCode.InvalidDefinition);
    expect(error.details).toEqual({ field: 'conditions.pause', state: 'awaiting_vendor' });
    expect(error.message).toBe(
      'Invalid SLA definition: conditions.pause: unknown state "awaiting_vendor" (known: new, in_progress, on_hold, resolved, closed, canceled)',
    );
  });

  it('rejects an unknown ticket type', () => {
    const error = failure(definition({ ticketType: 'problem' as unknown as TicketType }));
    expect(error.details).toEqual({ field: 'ticketType' });
    expect(error.message).toContain('"problem"');
  });

  it.each<[string, Partial<SlaDefinition['conditions']>, string, string]>([
    ['start and pause', { start: ['new', 'on_hold'] }, 'conditions.start', 'on_hold'],
    ['start and stop', { start: ['new', 'resolved'] }, 'conditions.start', 'resolved'],
    ['start and cancel', { cancel: ['canceled', 'new'] }, 'conditions.start', 'new'],
    ['pause and stop', { pause: ['on_hold', 'closed'] }, 'conditions.pause', 'closed'],
    ['pause and cancel', { pause: ['on_hold', 'canceled'] }, 'conditions.pause', 'canceled'],
    ['stop and cancel', { cancel: ['canceled', 'closed'] }, 'conditions.stop', 'closed'],
    ['resume and pause', { resume: ['on_hold'] }, 'conditions.resume', 'on_hold'],
    ['resume and stop', { resume: ['in_progress', 'resolved'] }, 'conditions.resume', 'resolved'],
    ['resume and cancel', { resume: ['canceled'] }, 'conditions.resume', 'canceled'],
    // Reset is checked before the others while replaying: it would take the state from stop or cancel.
    ['reset and stop', { reset: ['resolved'] }, 'conditions.reset', 'resolved'],
    ['reset and cancel', { reset: ['new', 'canceled'] }, 'conditions.reset', 'canceled'],
  ])('rejects a state that is both a %s condition', (label, conditions, field, state) => {
    const error = failure(definition({ conditions }));
    expect(error.code).toBe(SlaErrorCode.InvalidDefinition);
    expect(error.details).toEqual({ field, state });
    const [a, b] = label.split(' and ');
    expect(error.message).toBe(`Invalid SLA definition: ${field}: state "${state}" is both a ${a} and a ${b} condition`);
  });

  it('rejects an unknown calendar with SLA.CALENDAR_NOT_FOUND', () => {
    const error = failure(definition({ calendarId: 'office-typo' }));
    expect(error.code).toBe(SlaErrorCode.CalendarNotFound);
    expect(error.details).toEqual({ field: 'calendarId', calendarId: 'office-typo' });
    expect(error.message).toContain('"office-typo"');
  });

  it.each(['Europe/Atlantis', '', 'Mars/Olympus_Mons'])('rejects the unknown time zone %p with SLA.UNKNOWN_TIME_ZONE', (timeZone) => {
    const error = failure(definition({ timeZone }));
    expect(error.code).toBe(SlaErrorCode.UnknownTimeZone);
    expect(error.details).toEqual({ timeZone });
  });
});

describe('validateDefinition for requests, requested items and tasks', () => {
  const onTask = definition({
    ticketType: 'task',
    kind: 'UC',
    scope: 'supplier_segment',
    appliesTo: { supplierOrgIds: ['org-tailspin'], offeringIds: ['off-b', 'off-a', 'off-a'], catalogItemIds: ['item-1'] },
    conditions: { start: ['open', 'in_progress'], pause: [], stop: ['closed_complete'], cancel: ['canceled'] },
  });

  it('accepts a supplier UC on tasks restricted by offering and catalogue item, the lists normalised', () => {
    expect(validateDefinition(onTask, calendarExists).appliesTo).toMatchObject({ offeringIds: ['off-a', 'off-b'], catalogItemIds: ['item-1'] });
  });

  it('names the states of each request ticket type in its conditions', () => {
    expect(failure({ ...onTask, conditions: { ...onTask.conditions, pause: ['on_hold'] } }).details).toMatchObject({ field: 'conditions.pause', state: 'on_hold' });
    expect(TICKET_STATES.requested_item).toContain('awaiting_approval');
  });

  it('refuses restrictions the ticket type carries no attribute for, and segment clocks on tickets without assignments', () => {
    const request = definition({ ticketType: 'request', conditions: { start: ['open'], pause: [], stop: ['closed_complete'], cancel: ['canceled'] } });
    expect(failure({ ...request, appliesTo: { ...request.appliesTo, priorities: [1] } }).details).toMatchObject({ field: 'appliesTo.priorities', ticketType: 'request' });
    expect(failure({ ...request, appliesTo: { ...request.appliesTo, offeringIds: ['off-a'] } }).details).toMatchObject({ field: 'appliesTo.offeringIds' });
    expect(failure(definition({ appliesTo: { catalogItemIds: ['item-1'] } })).details).toMatchObject({ field: 'appliesTo.catalogItemIds', ticketType: 'incident' });
    const item = definition({ ticketType: 'requested_item', kind: 'OLA', scope: 'group_segment', conditions: { start: ['approved'], pause: [], stop: ['closed_complete'], cancel: ['canceled'] } });
    expect(failure(item).details).toMatchObject({ field: 'scope', ticketType: 'requested_item' });
    expect(validateDefinition(request, calendarExists).ticketType).toBe('request');
  });
});
