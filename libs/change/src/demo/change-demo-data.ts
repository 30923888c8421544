import type { DemoReferences } from '@itsm/platform/service';
import type { INestApplication } from '@nestjs/common';
import { ChangeReads } from '../application/ports/change-store.port';
import { seedDemoChanges, DEMO_CHANGE_NAMES } from './change-demo-changes';
import { seedDemoTemplates } from './change-demo-templates';
import { awaitProjections, changeDemoWorld } from './demo-references';

/**
 * The change context's demo data, after the directory's and the CMDB's (it names their personas,
 * groups and CIs), once its projections know them: templates, then changes in every state. One file
 * per concern; other parts of the context add their seeds here. Skipped when changes exist. Answers
 * template ids by name and change ids by key (`scheduled`, `emergency`, `standard`, ...).
 */
export async function seedDemoChange(app: INestApplication, earlier: DemoReferences): Promise<ReadonlyMap<string, string>> {
  if ((await app.get(ChangeReads).list({ kind: 'all' }, {}, 1, undefined)).items.length > 0) return new Map();
  const world = changeDemoWorld(earlier, new Date());
  await awaitProjections(app, DEMO_CHANGE_NAMES.cis.map(world.ci), DEMO_CHANGE_NAMES.people.map(world.person), DEMO_CHANGE_NAMES.groups.map(world.group));
  const templates = await seedDemoTemplates(app, world);
  const changes = await seedDemoChanges(app, world, templates);
  return new Map([...templates, ...changes]);
}
