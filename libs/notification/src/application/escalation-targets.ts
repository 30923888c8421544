import { DirectoryProjection } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import type { EscalationLevel, EscalationTarget } from '../domain/escalation/escalation-policy';
import { OnCallRoster } from './ports/on-call-roster.port';

/** Resolves a level's targets to the active people they mean at an instant (on call, a person, a group's manager or members). */
@Injectable()
export class EscalationTargets {
  constructor(
    private readonly roster: OnCallRoster,
    private readonly directory: DirectoryProjection,
  ) {}

  /** The active people `level` pages at `at`, in target order, each once; `groupId` stands for a target's group left null. */
  async resolve(level: EscalationLevel, groupId: string | null, at: number): Promise<string[]> {
    const groupIds = [...new Set(level.targets.flatMap((t) => (t.kind === 'person' ? [] : [t.groupId ?? groupId])).filter((g): g is string => g !== null))];
    const groups = await this.directory.groups(groupIds);
    const named: string[] = [];
    for (const target of level.targets) named.push(...(await this.peopleOf(target, groupId, groups, at)));
    const people = await this.directory.people([...new Set(named)]);
    return [...new Set(named)].filter((id) => people.get(id)?.active === true);
  }

  private async peopleOf(target: EscalationTarget, groupId: string | null, groups: Awaited<ReturnType<DirectoryProjection['groups']>>, at: number): Promise<readonly string[]> {
    if (target.kind === 'person') return [target.personId];
    const id = target.groupId ?? groupId;
    if (id === null) return [];
    switch (target.kind) {
      case 'on_call':
        return this.roster.onCall(id, at);
      case 'group_manager': {
        const manager = groups.get(id)?.managerId ?? null;
        return manager === null ? [] : [manager];
      }
      case 'group_members':
        return groups.get(id)?.memberIds ?? [];
    }
  }
}
