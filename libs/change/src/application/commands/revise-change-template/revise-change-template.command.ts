import type { TemplateDetails } from '../../../domain';

/** An admin edits a draft template. */
export class ReviseChangeTemplateCommand {
  constructor(
    readonly templateId: string,
    readonly details: TemplateDetails,
  ) {}
}
