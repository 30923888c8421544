import { decideGate } from './gate-decision';
import type { GateCandidate } from './gate-decision';

const now = new Date(Date.UTC(2031, 5, 10, 12, 0));
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

function change(overrides: Partial<GateCandidate> = {}): GateCandidate {
  return {
    id: 'c1',
    number: 'CHG0001000',
    model: 'normal',
    state: 'scheduled',
    configurationItemIds: ['ci-app'],
    planned: { start: minutes(-30), end: minutes(30) },
    authorised: true,
    ...overrides,
  };
}

const ask = (ciId: string, candidates: readonly GateCandidate[], named: GateCandidate | null = null) => decideGate({ ciId, change: named, candidates }, now);

describe('deployment gate decision', () => {
  it('allows inside an authorised change window (scheduled or implementing) that names the CI', () => {
    for (const state of ['scheduled', 'implement'] as const) {
      expect(ask('ci-app', [change({ state })])).toMatchObject({ allowed: true, reason: 'inside_window', change: { id: 'c1', number: 'CHG0001000' } });
    }
  });

  it('counts the window start in and its end out', () => {
    expect(ask('ci-app', [change({ planned: { start: now, end: minutes(1) } })]).allowed).toBe(true);
    expect(ask('ci-app', [change({ planned: { start: minutes(-1), end: now } })])).toMatchObject({ allowed: false, reason: 'after_window' });
  });

  it('denies before the window and after it, naming the change and its window', () => {
    const before = ask('ci-app', [change({ planned: { start: minutes(1), end: minutes(60) } })]);
    expect(before).toMatchObject({ allowed: false, reason: 'before_window', change: { number: 'CHG0001000' }, window: { start: minutes(1) } });
    expect(before.message).toContain(minutes(1).toISOString());
    expect(ask('ci-app', [change({ planned: { start: minutes(-60), end: minutes(-1) } })])).toMatchObject({ allowed: false, reason: 'after_window' });
  });

  it('denies another CI: no change names it, or the named change does not', () => {
    expect(ask('ci-db', [change()])).toEqual({ allowed: false, reason: 'no_change', message: 'no change names CI ci-db', change: null, window: null });
    expect(ask('ci-db', [], change())).toMatchObject({ allowed: false, reason: 'other_ci', change: { id: 'c1' } });
  });

  it('denies a change not authorised: awaiting authorisation, an emergency implementing before it, in review, without a window', () => {
    for (const candidate of [
      change({ state: 'authorize', authorised: false }),
      change({ model: 'emergency', state: 'implement', authorised: false }),
      change({ state: 'review' }),
      change({ planned: null }),
    ]) {
      expect(ask('ci-app', [candidate])).toMatchObject({ allowed: false, reason: 'not_authorised', change: { id: 'c1' } });
    }
  });

  it('when several changes name the CI: the open one wins, else the nearest window', () => {
    const later = change({ id: 'c2', number: 'CHG0001001', planned: { start: minutes(120), end: minutes(180) } });
    const sooner = change({ id: 'c3', number: 'CHG0001002', planned: { start: minutes(10), end: minutes(20) } });
    const open = change({ id: 'c4', number: 'CHG0001003' });
    const pending = change({ id: 'c5', number: 'CHG0001004', state: 'authorize', authorised: false });
    expect(ask('ci-app', [pending, later, open, sooner]).change?.id).toBe('c4');
    expect(ask('ci-app', [pending, later, sooner])).toMatchObject({ reason: 'before_window', change: { id: 'c3' } });
    expect(ask('ci-app', [pending])).toMatchObject({ reason: 'not_authorised', change: { id: 'c5' } });
  });

  it('only the named change can open the gate, even when another is open', () => {
    const pending = change({ id: 'c5', number: 'CHG0001004', state: 'authorize', authorised: false });
    expect(ask('ci-app', [change()], pending)).toMatchObject({ allowed: false, reason: 'not_authorised', change: { id: 'c5' } });
  });
});
