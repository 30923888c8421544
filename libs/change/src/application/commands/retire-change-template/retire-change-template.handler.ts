import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { retireTemplate } from '../../../domain';
import type { ChangeTemplate } from '../../../domain';
import { TemplateStore } from '../../ports/change-store.port';
import { loadTemplate } from '../../template-loading';
import type { RetireChangeTemplateCommand } from './retire-change-template.command';

@Injectable()
export class RetireChangeTemplateHandler {
  constructor(
    private readonly templates: TemplateStore,
    private readonly clock: Clock,
  ) {}

  async execute(command: RetireChangeTemplateCommand): Promise<ChangeTemplate> {
    const current = await loadTemplate(this.templates, command.templateId);
    const next = retireTemplate(current, this.clock.now());
    await this.templates.save(next, current.version);
    return next;
  }
}
