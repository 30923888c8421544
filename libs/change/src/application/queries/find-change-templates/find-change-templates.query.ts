import type { TemplateState } from '../../../domain';

/** Templates by name; requesters see published ones only. */
export class FindChangeTemplatesQuery {
  constructor(
    readonly state: TemplateState | undefined,
    readonly first: number,
    readonly afterName: string | undefined,
  ) {}
}
