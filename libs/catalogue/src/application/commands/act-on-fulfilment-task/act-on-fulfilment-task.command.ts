import type { TaskAction } from '../../../domain/fulfilment';

/** A fulfiller starts, completes, fails or skips a released task (`reason`: why it failed or was skipped). */
export class ActOnFulfilmentTaskCommand {
  constructor(
    readonly taskId: string,
    readonly action: TaskAction,
    readonly reason: string | null = null,
  ) {}
}
