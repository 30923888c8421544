import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { checkedTemplate, reviseTemplate } from '../../../domain';
import type { ChangeTemplate } from '../../../domain';
import { ChangeReferences } from '../../change-references.service';
import { TemplateStore } from '../../ports/change-store.port';
import { loadTemplate } from '../../template-loading';
import type { ReviseChangeTemplateCommand } from './revise-change-template.command';

@Injectable()
export class ReviseChangeTemplateHandler {
  constructor(
    private readonly templates: TemplateStore,
    private readonly references: ChangeReferences,
    private readonly clock: Clock,
  ) {}

  async execute(command: ReviseChangeTemplateCommand): Promise<ChangeTemplate> {
    const current = await loadTemplate(this.templates, command.templateId);
    const details = checkedTemplate(command.details);
    await this.references.check({ configurationItemIds: details.configurationItemIds, serviceIds: details.serviceIds, assignmentGroupId: details.assignmentGroupId });
    const next = reviseTemplate(current, details, this.clock.now());
    await this.templates.save(next, current.version);
    return next;
  }
}
