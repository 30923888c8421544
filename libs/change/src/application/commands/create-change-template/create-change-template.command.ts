import type { TemplateDetails } from '../../../domain';

/** An admin drafts a standard change template. */
export class CreateChangeTemplateCommand {
  constructor(
    readonly details: TemplateDetails,
    /** A chosen id (demo data), else a new one. */
    readonly id?: string,
  ) {}
}
