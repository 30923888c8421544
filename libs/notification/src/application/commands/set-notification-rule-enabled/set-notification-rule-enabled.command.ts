/** An admin switches a rule on or off (kept either way). */
export class SetNotificationRuleEnabledCommand {
  constructor(
    readonly ruleId: string,
    readonly enabled: boolean,
  ) {}
}
