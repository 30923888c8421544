/** Who is on call for a group at an instant (rotation, then overrides), primary first; empty when nobody. */
export abstract class OnCallRoster {
  abstract onCall(groupId: string, at: number): Promise<readonly string[]>;
}
