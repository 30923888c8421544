/** A normal change goes to assessment (New -> Assess). */
export class SubmitChangeForAssessmentCommand {
  constructor(readonly changeId: string) {}
}
