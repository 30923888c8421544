/** An admin lifts (removes) a blackout. */
export class LiftBlackoutCommand {
  constructor(readonly id: string) {}
}
