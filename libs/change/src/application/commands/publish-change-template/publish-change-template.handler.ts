import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { publishTemplate } from '../../../domain';
import type { ChangeTemplate } from '../../../domain';
import { TemplateStore } from '../../ports/change-store.port';
import { loadTemplate } from '../../template-loading';
import type { PublishChangeTemplateCommand } from './publish-change-template.command';

@Injectable()
export class PublishChangeTemplateHandler {
  constructor(
    private readonly templates: TemplateStore,
    private readonly clock: Clock,
  ) {}

  async execute(command: PublishChangeTemplateCommand): Promise<ChangeTemplate> {
    const current = await loadTemplate(this.templates, command.templateId);
    const next = publishTemplate(current, this.clock.now());
    await this.templates.save(next, current.version);
    return next;
  }
}
