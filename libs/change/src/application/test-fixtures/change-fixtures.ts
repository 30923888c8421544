import { Clock } from '@itsm/platform/config';
import { CmdbFeed, DirectoryFeed } from '@itsm/testing';
import { requestChange } from '../../domain';
import type { Change, ChangeViewer, NewChange } from '../../domain';
import { ChangeAccessService } from '../change-access.service';
import { ChangeCommandRunner } from '../change-command-runner';
import { ChangeReferences } from '../change-references.service';
import { InMemoryConfigurationItems } from './in-memory-configuration-items';
import { InMemoryChangeNumbers, InMemoryChanges, InMemoryTemplates } from './in-memory-changes';
import { changeDirectory, InMemoryPeople } from './in-memory-people';

/** A clock tests move by hand (instants relative to a fixed origin, never today's date). */
export class ManualClock extends Clock {
  constructor(public current = new Date('2031-03-03T09:00:00Z')) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export const MANAGER: ChangeViewer = { userId: 'p-manager', roles: ['change-manager'], orgId: 'contoso' };
export const REQUESTER: ChangeViewer = { userId: 'p-requester', roles: ['requester'], orgId: 'contoso' };
export const IMPLEMENTER: ChangeViewer = { userId: 'p-implementer', roles: ['implementer'], orgId: 'contoso' };
export const SUPPLIER: ChangeViewer = { userId: 'p-supplier', roles: ['supplier-agent', 'implementer'], orgId: 'fabrikam' };
export const CAB: ChangeViewer = { userId: 'p-cab-1', roles: ['cab-member'], orgId: 'contoso' };

export const PLANS = { implementation: 'Upgrade', backout: 'Roll back', test: 'Smoke test' } as const;

/** Everything a change handler needs, in memory: the directory of `changeDirectory`, CIs ci-a, ci-b (ci-old retired), service svc-pay. */
export async function changeWorld() {
  const clock = new ManualClock();
  const changes = new InMemoryChanges();
  const templates = new InMemoryTemplates();
  const numbers = new InMemoryChangeNumbers();
  const people = await new InMemoryPeople().feed(...changeDirectory(new DirectoryFeed()));
  const items = await new InMemoryConfigurationItems().feed(...['ci-a', 'ci-b', 'ci-old'].map((ciId) => new CmdbFeed().ciCreated({ ciId })));
  items.ci({ id: 'ci-old', retired: true });
  items.ci({ id: 'svc-pay', classId: 'business_service', service: true });
  const references = new ChangeReferences(items, people);
  const access = new ChangeAccessService(people);
  const runner = new ChangeCommandRunner(changes, access, clock);
  return { clock, changes, templates, numbers, people, items, references, access, runner };
}

export type ChangeWorld = Awaited<ReturnType<typeof changeWorld>>;

/** A new normal change (the domain's own request) stored in the world. */
export async function storedChange(world: ChangeWorld, overrides: Partial<NewChange> = {}): Promise<Change> {
  const now = world.clock.now();
  const input: NewChange = {
    id: `chg-${world.changes.items.size + 1}`,
    number: await world.numbers.next('CHG'),
    model: 'normal',
    requesterId: 'p-requester',
    title: 'Upgrade core router',
    description: '',
    assignmentGroupId: 'g-network',
    assignedOrgId: null,
    assigneeId: 'p-implementer',
    configurationItemIds: ['ci-a'],
    serviceIds: [],
    plans: PLANS,
    planned: { start: new Date(now.getTime() + 24 * 3_600_000), end: new Date(now.getTime() + 26 * 3_600_000) },
    ...overrides,
  };
  const { change, events } = requestChange(input, 'p-requester', now);
  await world.changes.create(change, events);
  return change;
}
