import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { checkedTemplate, createTemplate, optionalId } from '../../../domain';
import type { ChangeTemplate } from '../../../domain';
import { newChangeId } from '../../change-ids';
import { ChangeReferences } from '../../change-references.service';
import { TemplateStore } from '../../ports/change-store.port';
import type { CreateChangeTemplateCommand } from './create-change-template.command';

@Injectable()
export class CreateChangeTemplateHandler {
  constructor(
    private readonly templates: TemplateStore,
    private readonly references: ChangeReferences,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateChangeTemplateCommand): Promise<ChangeTemplate> {
    const details = checkedTemplate(command.details);
    await this.references.check({ configurationItemIds: details.configurationItemIds, serviceIds: details.serviceIds, assignmentGroupId: details.assignmentGroupId });
    const template = createTemplate(optionalId('id', command.id ?? null) ?? newChangeId(), details, this.clock.now());
    await this.templates.create(template);
    return template;
  }
}
