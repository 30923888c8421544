import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode, requestStandardChange } from '../../../domain';
import type { Change, ChangeViewer } from '../../../domain';
import { newChangeId } from '../../change-ids';
import { ChangeReferences } from '../../change-references.service';
import { ChangeNumbers, ChangeStore, TemplateStore } from '../../ports/change-store.port';
import type { RequestStandardChangeCommand } from './request-standard-change.command';

@Injectable()
export class RequestStandardChangeHandler {
  constructor(
    private readonly store: ChangeStore,
    private readonly templates: TemplateStore,
    private readonly references: ChangeReferences,
    private readonly numbers: ChangeNumbers,
    private readonly clock: Clock,
  ) {}

  async execute(viewer: ChangeViewer, command: RequestStandardChangeCommand): Promise<Change> {
    const template = await this.templates.byId(command.templateId);
    if (template === undefined || template.state !== 'published') {
      throw new ChangeError(ChangeErrorCode.TemplateNotFound, `no published template ${command.templateId}`, { templateId: command.templateId });
    }
    const { input } = command;
    const { assignedOrgId } = await this.references.check({
      configurationItemIds: input.configurationItemIds ?? template.configurationItemIds,
      serviceIds: template.serviceIds,
      people: [viewer.userId],
      assignmentGroupId: template.assignmentGroupId,
      assigneeId: input.assigneeId ?? null,
    });
    const request = {
      id: newChangeId(),
      number: '',
      requesterId: viewer.userId,
      plannedStart: input.plannedStart,
      title: input.title ?? null,
      description: input.description ?? null,
      configurationItemIds: input.configurationItemIds ?? null,
      assigneeId: input.assigneeId ?? null,
      assignedOrgId,
    };
    const now = this.clock.now();
    // Decided once without a number (every check), then for real: a refused request burns no number.
    requestStandardChange(template, { ...request, number: 'CHG0000000' }, viewer.userId, now);
    const { change, events } = requestStandardChange(template, { ...request, number: await this.numbers.next('CHG') }, viewer.userId, now);
    await this.store.create(change, events);
    return change;
  }
}
