import { changeTopic, TopicRegistry } from '@itsm/contracts';
import { ChangeError, ChangeErrorCode } from './change.errors';
import { authorise, cancel, close, completeImplementation, reject, requestAuthorisation, revertToNew, startImplementation, submitForAssessment } from './change-lifecycle';
import type { ChangeDecision, ChangeMove } from './change-lifecycle';
import { CHANGE_MODELS, CHANGE_STATES } from './change.model';
import type { Change, ChangeModel, ChangeState } from './change.model';
import { at, changeIn } from './test-fixtures/changes';

const NOW = at(10);
const BY = 'p-manager';

const RUN: Readonly<Record<ChangeMove, (change: Change) => ChangeDecision>> = {
  'submit-for-assessment': (c) => submitForAssessment(c, BY, NOW),
  'request-authorisation': (c) => requestAuthorisation(c, BY, NOW),
  authorise: (c) => authorise(c, null, BY, NOW),
  reject: (c) => reject(c, 'not now', BY, NOW),
  'start-implementation': (c) => startImplementation(c, BY, NOW),
  'complete-implementation': (c) => completeImplementation(c, BY, NOW),
  close: (c) => close(c, 'successful', null, BY, NOW),
  cancel: (c) => cancel(c, 'no longer needed', BY, NOW),
  'revert-to-new': (c) => revertToNew(c, null, BY, NOW),
};

/** The legal moves, written out independently of LEGAL_MOVES (ITSM-REFERENCE: ServiceNow's states). */
const EXPECTED: Readonly<Record<ChangeModel, Partial<Record<ChangeState, readonly ChangeMove[]>>>> = {
  normal: {
    new: ['submit-for-assessment', 'cancel'],
    assess: ['request-authorisation', 'cancel', 'revert-to-new'],
    authorize: ['authorise', 'reject', 'cancel', 'revert-to-new'],
    scheduled: ['start-implementation', 'cancel', 'revert-to-new'],
    implement: ['complete-implementation', 'cancel'],
    review: ['close'],
  },
  emergency: {
    new: ['request-authorisation', 'cancel'],
    assess: ['cancel'],
    authorize: ['authorise', 'reject', 'start-implementation', 'cancel', 'revert-to-new'],
    scheduled: ['start-implementation', 'cancel', 'revert-to-new'],
    implement: ['authorise', 'complete-implementation', 'cancel'],
    review: ['authorise', 'close'],
  },
  standard: {
    new: ['cancel'],
    assess: ['cancel'],
    authorize: ['cancel'],
    scheduled: ['start-implementation', 'cancel'],
    implement: ['complete-implementation', 'cancel'],
    review: ['close'],
  },
};

const payloads = new TopicRegistry([changeTopic]);

describe('the change lifecycle', () => {
  const cases = CHANGE_MODELS.flatMap((model) => CHANGE_STATES.flatMap((state) => (Object.keys(RUN) as ChangeMove[]).map((move) => [model, state, move] as const)));

  it.each(cases)('%s change in %s: %s is legal exactly when the table says', (model, state, move) => {
    const legal = (EXPECTED[model][state] ?? []).includes(move);
    const attempt = () => RUN[move](changeIn(state, model));
    if (legal) {
      const decision = attempt();
      // Every event carries the change's whole state and fits the contract.
      for (const event of decision.events) expect(() => payloads.validatePayload(changeTopic.name, event.type, event.data)).not.toThrow();
    } else {
      expect(attempt).toThrow(expect.objectContaining({ code: ChangeErrorCode.IllegalTransition }));
    }
  });

  it('walks a normal change New -> Assess -> Authorize -> Scheduled -> Implement -> Review -> Closed with one state-changed event each', () => {
    let change = changeIn('new', 'normal', { authorisedAt: null, actualStart: null, actualEnd: null });
    const seen: [ChangeState, ChangeState][] = [];
    for (const step of [submitForAssessment, requestAuthorisation, (c: Change, by: string, now: Date) => authorise(c, 'CAB', by, now), startImplementation, completeImplementation, (c: Change, by: string, now: Date) => close(c, 'successful_with_issues', 'one retry', by, now)]) {
      const { change: next, events } = step(change, BY, NOW);
      expect(events).toHaveLength(1);
      const data = events[0]?.data as { previousState: ChangeState; state: ChangeState; changeId: string; at: string };
      seen.push([data.previousState, data.state]);
      expect(data).toMatchObject({ changeId: change.id, at: NOW.toISOString() });
      expect(next.version).toBe(change.version + 1);
      change = next;
    }
    expect(seen).toEqual([
      ['new', 'assess'],
      ['assess', 'authorize'],
      ['authorize', 'scheduled'],
      ['scheduled', 'implement'],
      ['implement', 'review'],
      ['review', 'closed'],
    ]);
    expect(change).toMatchObject({ closeCode: 'successful_with_issues', closeNotes: 'one retry', actualStart: NOW, actualEnd: NOW, authorisedAt: NOW, retrospectivelyAuthorised: false });
  });

  it('needs all three plans and a planned window before authorisation', () => {
    const noBackout = changeIn('assess', 'normal', { plans: { implementation: 'x', backout: ' ', test: 'y' } });
    expect(() => requestAuthorisation(noBackout, BY, NOW)).toThrow(expect.objectContaining({ code: ChangeErrorCode.InvalidInput, details: expect.objectContaining({ missing: 'backout' }) }));
    expect(() => requestAuthorisation(changeIn('new', 'emergency', { planned: null }), BY, NOW)).toThrow(expect.objectContaining({ code: ChangeErrorCode.InvalidInput, details: { field: 'planned' } }));
  });

  it('implements an emergency change before authorisation and flags it when authorised afterwards', () => {
    const started = startImplementation(changeIn('authorize', 'emergency'), BY, NOW).change;
    expect(started).toMatchObject({ state: 'implement', authorisedAt: null, actualStart: NOW });
    const { change, events } = authorise(started, null, 'p-cab-1', at(20));
    expect(change).toMatchObject({ state: 'implement', retrospectivelyAuthorised: true, authorisedAt: at(20) });
    expect(events.map((e) => [e.type, 'changed' in e.data ? e.data.changed : null, 'retrospectivelyAuthorised' in e.data ? e.data.retrospectivelyAuthorised : null])).toEqual([['itsm.change.updated.v1', ['retrospectivelyAuthorised'], true]]);
    // Authorised already: a second decision changes nothing.
    expect(authorise(change, null, 'p-cab-2', at(30)).events).toEqual([]);
    // An emergency change authorised before implementing is not retrospective.
    const inTime = startImplementation(authorise(changeIn('authorize', 'emergency'), null, BY, NOW).change, BY, at(5)).change;
    expect(inTime.retrospectivelyAuthorised).toBe(false);
  });

  it('closes an emergency change only once it is authorised', () => {
    const unauthorised = changeIn('review', 'emergency', { authorisedAt: null });
    expect(() => close(unauthorised, 'successful', null, BY, NOW)).toThrow(expect.objectContaining({ code: ChangeErrorCode.IllegalTransition }));
    const authorised = authorise(unauthorised, null, BY, NOW).change;
    expect(close(authorised, 'backed_out', 'rolled back', BY, NOW).change.state).toBe('closed');
  });

  it('reverts to New with the previous state on the event and voids the authorisation', () => {
    const { change, events } = revertToNew(changeIn('scheduled'), 'window moved', BY, NOW);
    expect(change).toMatchObject({ state: 'new', authorisedAt: null });
    expect(events[0]?.data).toMatchObject({ state: 'new', previousState: 'scheduled', reason: 'window moved' });
  });

  it('wants a reason to reject or cancel and a known close code to close', () => {
    expect(() => reject(changeIn('authorize'), '  ', BY, NOW)).toThrow(expect.objectContaining({ code: ChangeErrorCode.InvalidInput }));
    expect(() => cancel(changeIn('new'), '', BY, NOW)).toThrow(expect.objectContaining({ code: ChangeErrorCode.InvalidInput }));
    expect(() => close(changeIn('review'), 'fine' as never, null, BY, NOW)).toThrow(ChangeError);
    expect(reject(changeIn('authorize'), 'too risky', BY, NOW).events[0]?.data).toMatchObject({ state: 'new', previousState: 'authorize', reason: 'too risky' });
  });
});
