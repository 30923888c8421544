/** An admin replaces the priority matrix (impact x urgency -> priority). */
export interface UpdatePriorityMatrixCommand {
  readonly cells: readonly (readonly number[])[];
  /** The version the admin edited (optimistic concurrency between two admins). */
  readonly expectedVersion: number;
  /** Re-prioritise active incidents under the new matrix; otherwise only new changes use it. */
  readonly reprioritise: boolean;
}
