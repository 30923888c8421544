import { Injectable } from '@nestjs/common';
import { KnownTemplates } from '../ports/known-templates.port';
import { TemplateLibrary } from './template-library';
import { TemplateValidator } from './template-validator';

/** KnownTemplates for the rules: the saved and the built-in templates. */
@Injectable()
export class StoredKnownTemplates extends KnownTemplates {
  constructor(
    private readonly library: TemplateLibrary,
    private readonly validator: TemplateValidator,
  ) {
    super();
  }

  missing(ids: readonly string[]): Promise<readonly string[]> {
    return this.library.missing(ids);
  }

  /** An event template written for other types is checked as if written for `eventType` (digest and on-call templates read no payload). */
  async checkReads(templateId: string, eventType: string): Promise<void> {
    const template = await this.library.find(templateId);
    if (template === null || template.kind !== 'event' || template.eventTypes.includes(eventType)) return;
    this.validator.check({ ...template, eventTypes: [eventType] });
  }
}
