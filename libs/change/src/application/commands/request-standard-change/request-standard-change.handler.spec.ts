import { ChangeErrorCode } from '../../../domain';
import { changeWorld, PLANS, REQUESTER } from '../../test-fixtures/change-fixtures';
import type { ChangeWorld } from '../../test-fixtures/change-fixtures';
import { CreateChangeTemplateCommand } from '../create-change-template/create-change-template.command';
import { CreateChangeTemplateHandler } from '../create-change-template/create-change-template.handler';
import { PublishChangeTemplateCommand } from '../publish-change-template/publish-change-template.command';
import { PublishChangeTemplateHandler } from '../publish-change-template/publish-change-template.handler';
import { RetireChangeTemplateCommand } from '../retire-change-template/retire-change-template.command';
import { RetireChangeTemplateHandler } from '../retire-change-template/retire-change-template.handler';
import { ReviseChangeTemplateCommand } from '../revise-change-template/revise-change-template.command';
import { ReviseChangeTemplateHandler } from '../revise-change-template/revise-change-template.handler';
import { RequestStandardChangeCommand } from './request-standard-change.command';
import { RequestStandardChangeHandler } from './request-standard-change.handler';

describe('standard changes from templates', () => {
  let world: ChangeWorld;
  const details = { name: 'Patch', title: 'Monthly patch', description: '', plans: PLANS, configurationItemIds: ['ci-a'], serviceIds: ['svc-pay'], assignmentGroupId: 'g-network', durationMinutes: 60 };
  beforeEach(async () => {
    world = await changeWorld();
  });

  it('drafts, revises, publishes, requests from and retires a template', async () => {
    const template = await new CreateChangeTemplateHandler(world.templates, world.references, world.clock).execute(new CreateChangeTemplateCommand(details, 'tpl-patch'));
    await new ReviseChangeTemplateHandler(world.templates, world.references, world.clock).execute(new ReviseChangeTemplateCommand(template.id, { ...details, durationMinutes: 30 }));
    await new PublishChangeTemplateHandler(world.templates, world.clock).execute(new PublishChangeTemplateCommand(template.id));
    const request = new RequestStandardChangeHandler(world.changes, world.templates, world.references, world.numbers, world.clock);
    const start = new Date(world.clock.now().getTime() + 3_600_000);
    const change = await request.execute(REQUESTER, new RequestStandardChangeCommand(template.id, { plannedStart: start, configurationItemIds: ['ci-b'] }));
    expect(change).toMatchObject({ model: 'standard', state: 'scheduled', number: 'CHG0001000', configurationItemIds: ['ci-b'], planned: { start, end: new Date(start.getTime() + 30 * 60_000) } });
    await expect(request.execute(REQUESTER, new RequestStandardChangeCommand(template.id, { plannedStart: start, configurationItemIds: ['ci-old'] }))).rejects.toMatchObject({ code: ChangeErrorCode.UnknownConfigurationItem });
    await new RetireChangeTemplateHandler(world.templates, world.clock).execute(new RetireChangeTemplateCommand(template.id));
    await expect(request.execute(REQUESTER, new RequestStandardChangeCommand(template.id, { plannedStart: start }))).rejects.toMatchObject({ code: ChangeErrorCode.TemplateNotFound });
    expect(world.changes.saved).toHaveLength(1);
    expect(await world.numbers.next('CHG')).toBe('CHG0001001');
  });

  it('refuses a template naming an unknown group or a published one being revised', async () => {
    const create = new CreateChangeTemplateHandler(world.templates, world.references, world.clock);
    await expect(create.execute(new CreateChangeTemplateCommand({ ...details, assignmentGroupId: 'g-nope' }))).rejects.toMatchObject({ code: ChangeErrorCode.UnknownGroup });
    const template = await create.execute(new CreateChangeTemplateCommand(details));
    await new PublishChangeTemplateHandler(world.templates, world.clock).execute(new PublishChangeTemplateCommand(template.id));
    await expect(new ReviseChangeTemplateHandler(world.templates, world.references, world.clock).execute(new ReviseChangeTemplateCommand(template.id, details))).rejects.toMatchObject({ code: ChangeErrorCode.IllegalTransition });
  });
});
