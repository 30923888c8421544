import type { INestApplication } from '@nestjs/common';
import {
  AuthoriseChangeCommand,
  AuthoriseChangeHandler,
  CancelChangeCommand,
  CancelChangeHandler,
  CloseChangeCommand,
  CloseChangeHandler,
  CompleteChangeImplementationCommand,
  CompleteChangeImplementationHandler,
  RequestChangeAuthorisationCommand,
  RequestChangeAuthorisationHandler,
  RequestChangeCommand,
  RequestChangeHandler,
  RequestStandardChangeCommand,
  RequestStandardChangeHandler,
  StartChangeImplementationCommand,
  StartChangeImplementationHandler,
  SubmitChangeForAssessmentCommand,
  SubmitChangeForAssessmentHandler,
} from '../application/commands';
import type { Change, ChangeState } from '../domain';
import type { ChangeDemoWorld } from './demo-references';

/** How far along the lifecycle a demo change is walked (through the same handlers as the API). */
type DemoStop = ChangeState | 'retro-authorised';

interface DemoChange {
  readonly key: string;
  readonly model: 'normal' | 'emergency';
  readonly title: string;
  readonly ci: string;
  readonly group: string;
  readonly assignee: string;
  /** Planned window, hours from now. */
  readonly from: number;
  readonly to: number;
  readonly stop: DemoStop;
}

const PLANS = { implementation: 'Follow the runbook step by step.', backout: 'Restore the pre-change snapshot.', test: 'Smoke tests and monitoring green.' };

/** A change in every state, an emergency change authorised after its implementation. */
const CHANGES: readonly DemoChange[] = [
  { key: 'new', model: 'normal', title: 'Upgrade the checkout API to 2.0', ci: 'checkout-api', group: 'app-support', assignee: 'u-implementer', from: 24 * 10, to: 24 * 10 + 2, stop: 'new' },
  { key: 'assess', model: 'normal', title: 'Move reporting to the new database cluster', ci: 'reporting', group: 'app-support', assignee: 'u-bob', from: 24 * 14, to: 24 * 14 + 4, stop: 'assess' },
  { key: 'authorize', model: 'normal', title: 'Replace core switch core-sw-02', ci: 'core-sw-02', group: 'network-ops', assignee: 'u-nina', from: 24 * 7, to: 24 * 7 + 3, stop: 'authorize' },
  { key: 'scheduled', model: 'normal', title: 'Firmware update of the store router', ci: 'rtr-hh-01', group: 'network-ops', assignee: 'u-supplier-agent', from: 24 * 3, to: 24 * 3 + 2, stop: 'scheduled' },
  { key: 'implement', model: 'normal', title: 'Scale the portal database', ci: 'pg-node-01', group: 'app-support', assignee: 'u-implementer', from: -1, to: 2, stop: 'implement' },
  { key: 'review', model: 'normal', title: 'Exchange cumulative update', ci: 'exchange', group: 'app-support', assignee: 'u-bob', from: -26, to: -24, stop: 'review' },
  { key: 'closed', model: 'normal', title: 'Payroll year-end patch', ci: 'payroll', group: 'app-support', assignee: 'u-implementer', from: -24 * 5, to: -24 * 5 + 2, stop: 'closed' },
  { key: 'canceled', model: 'normal', title: 'Decommission the old search node', ci: 'search', group: 'app-support', assignee: 'u-bob', from: 24 * 20, to: 24 * 20 + 1, stop: 'canceled' },
  { key: 'emergency', model: 'emergency', title: 'Emergency fix: payment gateway certificate expired', ci: 'payment-gateway', group: 'app-support', assignee: 'u-implementer', from: -2, to: 1, stop: 'retro-authorised' },
];

const ORDER: readonly DemoStop[] = ['new', 'assess', 'authorize', 'scheduled', 'implement', 'review', 'closed'];
const reached = (stop: DemoStop, step: DemoStop) => ORDER.indexOf(stop) >= ORDER.indexOf(step);

/**
 * Demo changes through the same use cases as the API (events, audit chains, numbers): a normal
 * change in each state, a canceled one, an emergency change implemented before its authorisation and
 * then authorised (flagged), and a standard change from a template. Answers the ids by key.
 */
export async function seedDemoChanges(app: INestApplication, world: ChangeDemoWorld, templates: ReadonlyMap<string, string>): Promise<ReadonlyMap<string, string>> {
  const ids = new Map<string, string>();
  const { manager } = world;
  const cab = world.person('u-cab-1');
  for (const spec of CHANGES) {
    const change: Change = await app.get(RequestChangeHandler).execute(
      manager,
      new RequestChangeCommand({
        model: spec.model,
        title: spec.title,
        description: `Demo change (${spec.key}).`,
        assignmentGroupId: world.group(spec.group),
        assigneeId: world.person(spec.assignee),
        configurationItemIds: [world.ci(spec.ci)],
        serviceIds: [],
        plans: PLANS,
        planned: { start: world.at(spec.from), end: world.at(spec.to) },
      }),
    );
    ids.set(spec.key, change.id);
    await walk(app, world, change.id, spec, cab);
  }
  const template = templates.get('Restart web tier');
  if (template !== undefined) {
    const standard = await app.get(RequestStandardChangeHandler).execute(manager, new RequestStandardChangeCommand(template, { plannedStart: world.at(24 * 2) }));
    ids.set('standard', standard.id);
  }
  return ids;
}

async function walk(app: INestApplication, world: ChangeDemoWorld, id: string, spec: DemoChange, cab: string): Promise<void> {
  const { manager } = world;
  if (spec.stop === 'canceled') {
    await app.get(CancelChangeHandler).execute(manager, new CancelChangeCommand(id, 'Superseded by the search migration'));
    return;
  }
  if (spec.stop === 'retro-authorised') {
    await app.get(RequestChangeAuthorisationHandler).execute(manager, new RequestChangeAuthorisationCommand(id));
    await app.get(StartChangeImplementationHandler).execute(manager, new StartChangeImplementationCommand(id));
    await app.get(AuthoriseChangeHandler).execute(new AuthoriseChangeCommand(id, cab, 'Emergency CAB agreed after the fix'));
    return;
  }
  if (reached(spec.stop, 'assess')) await app.get(SubmitChangeForAssessmentHandler).execute(manager, new SubmitChangeForAssessmentCommand(id));
  if (reached(spec.stop, 'authorize')) await app.get(RequestChangeAuthorisationHandler).execute(manager, new RequestChangeAuthorisationCommand(id));
  if (reached(spec.stop, 'scheduled')) await app.get(AuthoriseChangeHandler).execute(new AuthoriseChangeCommand(id, cab, 'CAB agreed'));
  if (reached(spec.stop, 'implement')) await app.get(StartChangeImplementationHandler).execute(manager, new StartChangeImplementationCommand(id));
  if (reached(spec.stop, 'review')) await app.get(CompleteChangeImplementationHandler).execute(manager, new CompleteChangeImplementationCommand(id));
  if (reached(spec.stop, 'closed')) await app.get(CloseChangeHandler).execute(manager, new CloseChangeCommand(id, 'successful', 'No incidents'));
}

/** The demo's CI names, group ids and personas (to wait for in the projections). */
export const DEMO_CHANGE_NAMES = {
  cis: [...new Set([...CHANGES.map((c) => c.ci), 'web-01', 'web-02', 'Web shop', 'srv-001', 'customer-portal', 'Customer portal'])],
  groups: [...new Set([...CHANGES.map((c) => c.group), 'hosting-ops'])],
  people: [...new Set([...CHANGES.map((c) => c.assignee), 'u-change-manager', 'u-cab-1'])],
};
