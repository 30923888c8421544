import { requestOutcome, rollupRequest } from './request-rollup';
import type { ItemState } from './item-fulfilment';

describe('requestOutcome', () => {
  it.each<[string, ItemState[], string]>([
    ['an item still in fulfilment', ['closed_complete', 'in_fulfilment'], 'open'],
    ['an item awaiting approval', ['awaiting_approval', 'canceled'], 'open'],
    ['every item complete', ['closed_complete', 'closed_complete'], 'closed_complete'],
    ['one item incomplete', ['closed_complete', 'closed_incomplete'], 'closed_incomplete'],
    ['one item rejected', ['closed_complete', 'rejected'], 'closed_incomplete'],
    ['one item canceled beside a complete one', ['canceled', 'closed_complete'], 'closed_incomplete'],
    ['every item canceled', ['canceled', 'canceled'], 'canceled'],
    ['every item rejected', ['rejected'], 'closed_incomplete'],
  ])('with %s: %s', (_, items, expected) => {
    expect(requestOutcome(items)).toBe(expected);
  });

  it('refuses a request without items', () => {
    expect(() => requestOutcome([])).toThrow(RangeError);
  });
});

describe('rollupRequest', () => {
  it('closes an open request when its last item closes, with the fact', () => {
    expect(rollupRequest('open', ['closed_complete', 'in_fulfilment'])).toEqual({ state: 'open', facts: [] });
    expect(rollupRequest('open', ['closed_complete', 'closed_complete'])).toEqual({
      state: 'closed_complete',
      facts: [{ type: 'request_state_changed', previousState: 'open', state: 'closed_complete' }],
    });
  });

  it('leaves a closed request closed', () => {
    expect(rollupRequest('canceled', ['canceled', 'closed_complete'])).toEqual({ state: 'canceled', facts: [] });
  });
});
