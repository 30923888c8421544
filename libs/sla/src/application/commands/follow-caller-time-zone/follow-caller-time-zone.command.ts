import type { DirectoryPersonEvent } from '../../../domain';

/** A person event of the directory: the caller's time zone it states (or clears) for SLA clocks. */
export class FollowCallerTimeZoneCommand {
  constructor(readonly event: DirectoryPersonEvent) {}
}
