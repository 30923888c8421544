import type { DemoReferences } from '@itsm/platform/service';
import type { INestApplication } from '@nestjs/common';
import { ChangeReads } from '../application/ports/change-store.port';
import { seedDemoCalendar } from './change-demo-calendar';
import { seedDemoChanges, DEMO_CHANGE_NAMES } from './change-demo-changes';
import { seedDemoApprovalPolicies } from './change-approval-demo-data';
import { seedDemoRiskAndCab } from './change-risk-cab-demo-data';
import { seedDemoTemplates } from './change-demo-templates';
import { awaitProjections, changeDemoWorld, cmdbDemoIds } from './demo-references';

/**
 * The change context's demo data, after the directory's and the CMDB's (it names their personas,
 * groups and CIs), once its projections know them: templates, then changes in every state. One file
 * per concern; other parts of the context add their seeds here. Skipped when changes exist. Answers
 * template ids by name and change ids by key (`scheduled`, `emergency`, `standard`, ...).
 */
export async function seedDemoChange(app: INestApplication, earlier: DemoReferences): Promise<ReadonlyMap<string, string>> {
  if ((await app.get(ChangeReads).list({ kind: 'all' }, {}, 1, undefined)).items.length > 0) return new Map();
  const world = changeDemoWorld(earlier, new Date(), await cmdbDemoIds(app, earlier, DEMO_CHANGE_NAMES.cis));
  await awaitProjections(app, DEMO_CHANGE_NAMES.cis.map(world.ci), DEMO_CHANGE_NAMES.people.map(world.person), DEMO_CHANGE_NAMES.groups.map(world.group));
  // Approval policies first: the changes that reach Authorize open their approval.
  const users = (...userNames: string[]) => ({ groupIds: [], userIds: userNames.map(world.person), roles: [] });
  const policies = await seedDemoApprovalPolicies(app, { managers: users('u-change-manager'), cab: users('u-cab-1', 'u-cab-2', 'u-cab-3') });
  const templates = await seedDemoTemplates(app, world);
  const changes = await seedDemoChanges(app, world, templates);
  // After the changes: the year-end freeze must not refuse a demo change scheduled before it was declared.
  const calendar = await seedDemoCalendar(app, world);
  await seedDemoRiskAndCab(app, world);
  return new Map([...policies, ...templates, ...changes, ...calendar]);
}
