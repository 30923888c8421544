import { IncidentErrorCode } from '../../../domain';
import { anIncident, FixedClock, InMemoryIncidents, REQUESTER, T0 } from '../../../test-fixtures/in-memory-stores';
import { FixedActingPeople } from '../../../test-fixtures/acting-people';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { AddReplyCommentCommand } from './add-reply-comment.command';
import { AddReplyCommentHandler } from './add-reply-comment.handler';

describe('AddReplyCommentHandler (a notification reply becomes a comment)', () => {
  const setup = () => {
    const incident = anIncident();
    const store = new InMemoryIncidents().add(incident);
    return { incident, store, handler: new AddReplyCommentHandler(new IncidentCommandRunner(store, new FixedClock(T0)), new FixedActingPeople()) };
  };

  it("adds the caller's reply as their comment, with the reply's id, once", async () => {
    const { incident, store, handler } = setup();
    expect(await handler.execute(new AddReplyCommentCommand(incident.id, 'r-1', 'p-caller', 'Still broken.'))).toBe(true);
    expect(await handler.execute(new AddReplyCommentCommand(incident.id, 'r-1', 'p-caller', 'Still broken.'))).toBe(false);
    expect(store.savedTypes()).toEqual(['itsm.incident.note-added.v1']);
    expect((await store.load(incident.id))?.aggregate.notes).toEqual([expect.objectContaining({ id: 'r-1', kind: 'comment', body: 'Still broken.', authorId: REQUESTER.userId })]);
  });

  it("takes an internal group member for an agent (user name lower-cased)", async () => {
    const { incident, handler, store } = setup();
    await handler.execute(new AddReplyCommentCommand(incident.id, 'r-2', 'p-agent', 'On it.'));
    expect((await store.load(incident.id))?.aggregate.notes[0]?.authorId).toBe('u-agent');
  });

  it('refuses a person who may not see the incident as the policy does, and a deactivated or unknown one, with INCIDENT.NOT_FOUND as for an unknown incident (as catalogue replies do), saving nothing', async () => {
    const { incident, store, handler } = setup();
    for (const personId of ['p-stranger', 'p-supplier']) {
      await expect(handler.execute(new AddReplyCommentCommand(incident.id, `r-${personId}`, personId, 'Hello?'))).rejects.toMatchObject({ code: IncidentErrorCode.NotFound });
    }
    for (const personId of ['p-gone', 'p-unknown']) {
      // The same answer whether the incident exists or not: an outsider learns nothing of it.
      for (const incidentId of [incident.id, 'no-such-incident']) {
        await expect(handler.execute(new AddReplyCommentCommand(incidentId, `r-${personId}`, personId, 'Hello?'))).rejects.toMatchObject({ code: IncidentErrorCode.NotFound, details: { personId } });
      }
    }
    expect(store.saved).toEqual([]);
  });

  it('refuses an unknown incident (INCIDENT.NOT_FOUND)', async () => {
    const { handler } = setup();
    await expect(handler.execute(new AddReplyCommentCommand('no-such-incident', 'r-3', 'p-caller', 'Hello?'))).rejects.toMatchObject({ code: IncidentErrorCode.NotFound });
  });
});
