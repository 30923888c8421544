import type { BlackoutWindowSpec } from '../../../domain';

/** An admin changes a blackout (optimistic: the version they read). */
export class ReviseBlackoutCommand {
  constructor(
    readonly id: string,
    readonly expectedVersion: number,
    readonly blackout: BlackoutWindowSpec,
  ) {}
}
