import { DEFAULT_MAJOR_INCIDENT_RULES } from '../../../domain';
import { after, anIncident, DAY, FixedClock, InMemoryIncidents, T0 } from '../../../test-fixtures/in-memory-stores';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { AutoCloseIncidentsCommand } from './auto-close-incidents.command';
import { AutoCloseIncidentsHandler } from './auto-close-incidents.handler';

describe('AutoCloseIncidentsHandler', () => {
  const settings = { autoCloseDays: 7, autoCloseIntervalMs: 60_000, majorIncidentRules: DEFAULT_MAJOR_INCIDENT_RULES };
  const resolvedAt = (at: Date) => after(anIncident({}, at), at, { kind: 'resolve', code: 'fixed', notes: 'Done.', cause: 'manual', causeId: null });

  const setup = (now: Date) => {
    const clock = new FixedClock(now);
    const store = new InMemoryIncidents();
    return { store, handler: new AutoCloseIncidentsHandler(new IncidentCommandRunner(store, clock), store, clock, settings) };
  };

  it('closes only the incidents resolved at least the auto-close period ago, as the system', async () => {
    const now = new Date(T0.getTime() + 30 * DAY);
    const { store, handler } = setup(now);
    const due = resolvedAt(new Date(now.getTime() - 8 * DAY));
    const recent = resolvedAt(new Date(now.getTime() - 6 * DAY));
    const open = anIncident({}, new Date(now.getTime() - 20 * DAY));
    store.add(due, recent, open);

    expect(await handler.execute(new AutoCloseIncidentsCommand())).toBe(1);
    expect(store.items.get(due.id)).toMatchObject({ state: 'closed', closedAt: now });
    expect(store.items.get(recent.id)?.state).toBe('resolved');
    expect(store.items.get(open.id)?.state).toBe('new');
    expect(store.saved).toEqual([expect.objectContaining({ id: due.id, events: [expect.objectContaining({ data: expect.objectContaining({ automatic: true, by: 'system' }) })] })]);
  });

  it('leaves an incident that is no longer due when it comes to closing it, writing nothing', async () => {
    const now = new Date(T0.getTime() + 30 * DAY);
    const { store, handler } = setup(now);
    const due = resolvedAt(new Date(now.getTime() - 8 * DAY));
    store.add(due);
    // Between the selection and the close, the caller reopens it and an agent resolves it again today.
    store.loseNextSave((current) => after(current, new Date(now.getTime() - 2 * 60_000), { kind: 'reopen', reason: 'Broken again.' }, { kind: 'resolve', code: 'fixed', notes: 'Again.', cause: 'manual', causeId: null }));

    expect(await handler.execute(new AutoCloseIncidentsCommand())).toBe(0);
    expect(store.items.get(due.id)).toMatchObject({ state: 'resolved', reopenCount: 1 });
    expect(store.saved).toEqual([]);
  });
});
