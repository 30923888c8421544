/** Closes the incidents whose resolution nobody rejected within the auto-close period (the sweep). */
export class AutoCloseIncidentsCommand {
  constructor(
    /** At most this many candidates per sweep (the next sweep takes the rest). */
    readonly batchSize = 500,
  ) {}
}
