import { SupplierExchangeError, SupplierExchangeErrorCode } from '../supplier-exchange.errors';
import { DEFAULT_STATE_MAPPING, inboundTransition, outboundStatus, parseStateMapping, transitionKey, transitionOfKey } from './state-mapping';

function refusal(input: unknown): { code: string; field: unknown } {
  try {
    parseStateMapping(input);
  } catch (error) {
    if (error instanceof SupplierExchangeError) return { code: error.code, field: error.details['field'] };
    throw error;
  }
  throw new Error('expected the mapping to be refused');
}

const json = (): Record<string, Record<string, unknown>> => JSON.parse(JSON.stringify(DEFAULT_STATE_MAPPING)) as Record<string, Record<string, unknown>>;

describe('state mapping', () => {
  it('accepts the default mapping as data (a JSON round trip)', () => {
    expect(parseStateMapping(json())).toEqual(DEFAULT_STATE_MAPPING);
  });

  it('maps our states to TMF621 statuses', () => {
    expect(outboundStatus(DEFAULT_STATE_MAPPING, 'in_progress')).toBe('inProgress');
    expect(outboundStatus(DEFAULT_STATE_MAPPING, 'canceled')).toBe('cancelled');
  });

  it('accepts a supplier\'s own choice for a live state (on hold shown as held)', () => {
    const mapping = json();
    mapping['outbound']!['on_hold'] = 'held';
    expect(outboundStatus(parseStateMapping(mapping), 'on_hold')).toBe('held');
  });

  it.each([
    ['an unmapped state', (m: ReturnType<typeof json>) => delete m['outbound']!['on_hold'], 'outbound.on_hold'],
    ['a status outside TMF621', (m: ReturnType<typeof json>) => (m['outbound']!['new'] = 'open'), 'outbound.new'],
    ['a terminal state shown as live', (m: ReturnType<typeof json>) => (m['outbound']!['closed'] = 'resolved'), 'outbound.closed'],
    ['a live state shown as terminal', (m: ReturnType<typeof json>) => (m['outbound']!['resolved'] = 'closed'), 'outbound.resolved'],
    ['a live state shown as rejected', (m: ReturnType<typeof json>) => (m['outbound']!['new'] = 'rejected'), 'outbound.new'],
    ['an unknown state', (m: ReturnType<typeof json>) => (m['outbound']!['pending'] = 'pending'), 'outbound.pending'],
    ['an action without its transition', (m: ReturnType<typeof json>) => delete m['inbound']!['resolve'], 'inbound.resolve'],
    ['a resolve that does not resolve', (m: ReturnType<typeof json>) => (m['inbound']!['resolve'] = null), 'inbound.resolve'],
    ['a note that changes the state', (m: ReturnType<typeof json>) => (m['inbound']!['add-note'] = 'start-work'), 'inbound.add-note'],
    ['a question that holds for a change', (m: ReturnType<typeof json>) => (m['inbound']!['request-information'] = { kind: 'put-on-hold', reason: 'awaiting_change' }), 'inbound.request-information'],
    ['a transition we do not know', (m: ReturnType<typeof json>) => (m['inbound']!['reject'] = 'close'), 'inbound.reject'],
  ])('refuses %s with INVALID_MAPPING naming the field', (_label, breakIt, field) => {
    const mapping = json();
    breakIt(mapping);
    expect(refusal(mapping)).toEqual({ code: SupplierExchangeErrorCode.InvalidMapping, field });
  });

  it('refuses a mapping that is not an object of outbound and inbound', () => {
    expect(refusal([]).code).toBe(SupplierExchangeErrorCode.InvalidMapping);
    expect(refusal({ ...json(), extra: {} }).code).toBe(SupplierExchangeErrorCode.InvalidMapping);
  });

  describe('inbound transitions', () => {
    it('gives a supplier\'s resolve the resolve transition on a live ticket', () => {
      expect(inboundTransition(DEFAULT_STATE_MAPPING, 'resolve', 'on_hold')).toEqual({ transition: 'resolve' });
    });

    it('refuses any action on a closed or cancelled ticket (terminal)', () => {
      expect(inboundTransition(DEFAULT_STATE_MAPPING, 'add-note', 'closed')).toBe('illegal');
      expect(inboundTransition(DEFAULT_STATE_MAPPING, 'acknowledge', 'canceled')).toBe('illegal');
    });

    it('refuses a resolve of a resolved ticket and a question on a ticket already on hold', () => {
      expect(inboundTransition(DEFAULT_STATE_MAPPING, 'resolve', 'resolved')).toBe('illegal');
      expect(inboundTransition(DEFAULT_STATE_MAPPING, 'request-information', 'on_hold')).toBe('illegal');
    });

    it('starts work on a new ticket when acknowledged, and only acknowledges one already in progress', () => {
      expect(inboundTransition(DEFAULT_STATE_MAPPING, 'acknowledge', 'new')).toEqual({ transition: 'start-work' });
      expect(inboundTransition(DEFAULT_STATE_MAPPING, 'acknowledge', 'in_progress')).toEqual({ transition: null });
    });
  });

  it('reads the transitions as admins write them (none, start-work, resolve, put-on-hold:<reason>) back as the mapping holds them', () => {
    const inbound = Object.fromEntries(Object.entries(DEFAULT_STATE_MAPPING.inbound).map(([action, transition]) => [action, transitionOfKey(transitionKey(transition))]));
    expect(parseStateMapping({ outbound: DEFAULT_STATE_MAPPING.outbound, inbound })).toEqual(DEFAULT_STATE_MAPPING);
    expect(transitionKey({ kind: 'put-on-hold', reason: 'awaiting_vendor' })).toBe('put-on-hold:awaiting_vendor');
    expect(() => parseStateMapping({ outbound: DEFAULT_STATE_MAPPING.outbound, inbound: { ...inbound, resolve: transitionOfKey('close') } })).toThrow('inbound.resolve is not an incident transition');
    expect(() => parseStateMapping({ outbound: DEFAULT_STATE_MAPPING.outbound, inbound: { ...inbound, reject: transitionOfKey('put-on-hold:awaiting_caller:x') } })).toThrow('inbound.reject is not an incident transition');
  });
});
