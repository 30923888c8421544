/** Remove a risk rule (changes assessed by it keep their explanation). */
export class DeleteRiskRuleCommand {
  constructor(readonly id: string) {}
}
