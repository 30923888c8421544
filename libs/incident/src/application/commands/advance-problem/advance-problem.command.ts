/** Moves a problem forward: assess -> root cause analysis -> fix in progress (skipping ahead, never back). */
export class AdvanceProblemCommand {
  constructor(
    readonly problemId: string,
    readonly to: 'assess' | 'root_cause_analysis' | 'fix_in_progress',
  ) {}
}
