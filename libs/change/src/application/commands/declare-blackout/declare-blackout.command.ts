import type { BlackoutWindowSpec } from '../../../domain';

/** An admin declares a freeze, global or for some services, with its reason. */
export class DeclareBlackoutCommand {
  constructor(readonly blackout: BlackoutWindowSpec) {}
}
