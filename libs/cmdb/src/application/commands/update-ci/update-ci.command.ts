import type { Attributes } from '../../../domain';

/** A person's edit of a CI by id (source `manual` unless given); a null value clears an attribute. */
export class UpdateCiCommand {
  constructor(
    readonly ciId: string,
    readonly attributes: Attributes,
    readonly by: string,
    readonly source = 'manual',
  ) {}
}
