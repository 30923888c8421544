/** After a policy change: derive the open tickets' clocks of the partitions this replica owns again. */
export interface RecomputeOpenClocksCommand {
  readonly partitions: readonly number[];
}
