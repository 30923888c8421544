import { ChangeErrorCode } from '../../domain';
import { CAB, changeWorld, IMPLEMENTER, MANAGER, REQUESTER, storedChange, SUPPLIER } from '../test-fixtures/change-fixtures';
import type { ChangeWorld } from '../test-fixtures/change-fixtures';
import { AuthoriseChangeCommand } from './authorise-change/authorise-change.command';
import { AuthoriseChangeHandler } from './authorise-change/authorise-change.handler';
import { CancelChangeCommand } from './cancel-change/cancel-change.command';
import { CancelChangeHandler } from './cancel-change/cancel-change.handler';
import { RejectChangeCommand } from './reject-change/reject-change.command';
import { RejectChangeHandler } from './reject-change/reject-change.handler';
import { RequestChangeAuthorisationCommand } from './request-change-authorisation/request-change-authorisation.command';
import { RequestChangeAuthorisationHandler } from './request-change-authorisation/request-change-authorisation.handler';
import { RevertChangeToNewCommand } from './revert-change-to-new/revert-change-to-new.command';
import { RevertChangeToNewHandler } from './revert-change-to-new/revert-change-to-new.handler';
import { StartChangeImplementationCommand } from './start-change-implementation/start-change-implementation.command';
import { StartChangeImplementationHandler } from './start-change-implementation/start-change-implementation.handler';
import { SubmitChangeForAssessmentCommand } from './submit-change-for-assessment/submit-change-for-assessment.command';
import { SubmitChangeForAssessmentHandler } from './submit-change-for-assessment/submit-change-for-assessment.handler';
import { UpdateChangeCommand } from './update-change/update-change.command';
import { UpdateChangeHandler } from './update-change/update-change.handler';

/** The lifecycle handlers on in-memory stores: access per role, decisions saved with their audit, lost races decided again. */
describe('change lifecycle handlers', () => {
  let world: ChangeWorld;
  beforeEach(async () => {
    world = await changeWorld();
  });

  const submit = () => new SubmitChangeForAssessmentHandler(world.runner);
  const requestAuth = () => new RequestChangeAuthorisationHandler(world.runner);

  it('moves a change and appends one audit entry per event, by the viewer', async () => {
    const change = await storedChange(world);
    world.clock.advance(5);
    const moved = await submit().execute(MANAGER, new SubmitChangeForAssessmentCommand(change.id));
    expect(moved).toMatchObject({ state: 'assess', updatedAt: world.clock.now() });
    await requestAuth().execute(IMPLEMENTER, new RequestChangeAuthorisationCommand(change.id));
    await new AuthoriseChangeHandler(world.runner).execute(new AuthoriseChangeCommand(change.id, 'p-cab-2'));
    expect((await world.changes.audit(change.id))?.map((e) => e.by)).toEqual(['p-requester', 'p-manager', 'p-implementer', 'p-cab-2']);
    expect((await world.changes.byId(change.id))?.state).toBe('scheduled');
  });

  it('answers a change the viewer may not see as absent, and one they may see but not move as forbidden', async () => {
    const change = await storedChange(world, { requesterId: 'p-manager' });
    const stranger = { userId: 'p-requester', roles: ['requester'], orgId: 'contoso' };
    await expect(submit().execute(stranger, new SubmitChangeForAssessmentCommand(change.id))).rejects.toMatchObject({ code: ChangeErrorCode.NotFound });
    await expect(submit().execute(CAB, new SubmitChangeForAssessmentCommand(change.id))).rejects.toMatchObject({ code: ChangeErrorCode.Forbidden });
    await expect(submit().execute(SUPPLIER, new SubmitChangeForAssessmentCommand(change.id))).rejects.toMatchObject({ code: ChangeErrorCode.NotFound });
    await expect(submit().execute(MANAGER, new SubmitChangeForAssessmentCommand('chg-none'))).rejects.toMatchObject({ code: ChangeErrorCode.NotFound });
    expect(world.changes.saved).toHaveLength(1);
  });

  it('lets a requester cancel their own change while New only, and a supplier implement only their organisation\'s', async () => {
    const own = await storedChange(world);
    const cancelHandler = new CancelChangeHandler(world.runner);
    const assessed = await storedChange(world);
    await submit().execute(MANAGER, new SubmitChangeForAssessmentCommand(assessed.id));
    await expect(cancelHandler.execute(REQUESTER, new CancelChangeCommand(assessed.id, 'changed my mind'))).rejects.toMatchObject({ code: ChangeErrorCode.Forbidden });
    expect((await cancelHandler.execute(REQUESTER, new CancelChangeCommand(own.id, 'changed my mind'))).state).toBe('canceled');

    const supplied = await storedChange(world, { assignmentGroupId: 'g-fabrikam-ops', assignedOrgId: 'fabrikam', assigneeId: 'p-supplier', model: 'emergency' });
    await requestAuth().execute(MANAGER, new RequestChangeAuthorisationCommand(supplied.id));
    const started = await new StartChangeImplementationHandler(world.runner).execute(SUPPLIER, new StartChangeImplementationCommand(supplied.id));
    expect(started).toMatchObject({ state: 'implement', actualStart: world.clock.now(), authorisedAt: null });
  });

  it('decides again on the fresh state after losing a race', async () => {
    const change = await storedChange(world);
    world.changes.loseNextSave((current) => ({ ...current, title: 'Renamed meanwhile', version: current.version + 1 }));
    const moved = await submit().execute(MANAGER, new SubmitChangeForAssessmentCommand(change.id));
    expect(moved).toMatchObject({ state: 'assess', title: 'Renamed meanwhile' });
    world.changes.loseNextSave((current) => ({ ...current, state: 'canceled' }));
    await expect(requestAuth().execute(MANAGER, new RequestChangeAuthorisationCommand(change.id))).rejects.toMatchObject({ code: ChangeErrorCode.IllegalTransition });
  });

  it('rejects back to New and reverts with the reason on the event', async () => {
    const change = await storedChange(world);
    await submit().execute(MANAGER, new SubmitChangeForAssessmentCommand(change.id));
    await requestAuth().execute(MANAGER, new RequestChangeAuthorisationCommand(change.id));
    expect((await new RejectChangeHandler(world.runner).execute(new RejectChangeCommand(change.id, 'p-cab-1', 'no backout tested'))).state).toBe('new');
    await submit().execute(MANAGER, new SubmitChangeForAssessmentCommand(change.id));
    await expect(new RevertChangeToNewHandler(world.runner).execute(IMPLEMENTER, new RevertChangeToNewCommand(change.id, null))).rejects.toMatchObject({ code: ChangeErrorCode.Forbidden });
    await new RevertChangeToNewHandler(world.runner).execute(MANAGER, new RevertChangeToNewCommand(change.id, 'rethink'));
    const last = world.changes.saved.at(-1)?.events[0];
    expect(last?.data).toMatchObject({ state: 'new', previousState: 'assess', reason: 'rethink' });
  });

  it('updates only the references it names, and re-derives the supplier organisation on reassignment', async () => {
    const change = await storedChange(world, { configurationItemIds: ['ci-a'] });
    world.items.ci({ id: 'ci-a', retired: true });
    const update = new UpdateChangeHandler(world.runner, world.references);
    expect((await update.execute(MANAGER, new UpdateChangeCommand(change.id, { title: 'Still fine' }))).title).toBe('Still fine');
    await expect(update.execute(MANAGER, new UpdateChangeCommand(change.id, { configurationItemIds: ['ci-a'] }))).rejects.toMatchObject({ code: ChangeErrorCode.UnknownConfigurationItem });
    const moved = await update.execute(MANAGER, new UpdateChangeCommand(change.id, { assignmentGroupId: 'g-fabrikam-ops' }));
    expect(moved).toMatchObject({ assignmentGroupId: 'g-fabrikam-ops', assigneeId: null, assignedOrgId: 'fabrikam' });
  });
});
