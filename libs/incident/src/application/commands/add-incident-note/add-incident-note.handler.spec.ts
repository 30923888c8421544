import { IncidentErrorCode } from '../../../domain';
import { after, AGENT, anIncident, FixedClock, InMemoryIncidents, REQUESTER, T0 } from '../../../test-fixtures/in-memory-stores';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { AddIncidentNoteCommand } from './add-incident-note.command';
import { AddIncidentNoteHandler } from './add-incident-note.handler';

describe('AddIncidentNoteHandler', () => {
  const setup = (incident = anIncident()) => {
    const store = new InMemoryIncidents().add(incident);
    return { incident, store, handler: new AddIncidentNoteHandler(new IncidentCommandRunner(store, new FixedClock(T0))) };
  };

  it('lets internal staff write a work note', async () => {
    const { incident, handler } = setup();
    const noted = await handler.execute(AGENT, new AddIncidentNoteCommand(incident.id, 'work_note', 'Checked the gateway logs.'));
    expect(noted.notes).toEqual([expect.objectContaining({ kind: 'work_note', body: 'Checked the gateway logs.', authorId: AGENT.userId })]);
  });

  it('refuses a work note from a requester (INCIDENT.FORBIDDEN), and saves nothing', async () => {
    const { incident, store, handler } = setup();
    await expect(handler.execute(REQUESTER, new AddIncidentNoteCommand(incident.id, 'work_note', 'Internal?'))).rejects.toMatchObject({ code: IncidentErrorCode.Forbidden });
    expect(store.saved).toEqual([]);
  });

  it("resumes an incident waiting on the caller when the caller comments", async () => {
    const { incident, store, handler } = setup(after(anIncident(), T0, { kind: 'put-on-hold', reason: 'awaiting_caller' }));
    const noted = await handler.execute(REQUESTER, new AddIncidentNoteCommand(incident.id, 'comment', 'It works again after a reboot.'));
    expect(noted).toMatchObject({ state: 'in_progress', holdReason: null });
    expect(store.savedTypes()).toEqual(['itsm.incident.note-added.v1', 'itsm.incident.resumed.v1']);
  });

  it('decides again on the fresh state after losing a race', async () => {
    // Waiting on the caller when loaded; an agent resumes it before the caller's comment is written.
    const { incident, store, handler } = setup(after(anIncident(), T0, { kind: 'put-on-hold', reason: 'awaiting_caller' }));
    store.loseNextSave((current) => after(current, T0, { kind: 'resume', trigger: 'manual' }));
    const noted = await handler.execute(REQUESTER, new AddIncidentNoteCommand(incident.id, 'comment', 'Any news?'));
    expect(noted.notes.map((n) => n.body)).toEqual(['Any news?']);
    // Decided on the resumed incident: a plain comment, no second resume.
    expect(store.savedTypes()).toEqual(['itsm.incident.note-added.v1']);
  });
});
