import { PLATFORM_TOPICS, TopicRegistry } from '@itsm/contracts';
import type { TopicDefinition } from '@itsm/contracts';
import { InProcessEventBus } from '@itsm/platform/messaging';
import { freePort } from '@itsm/platform/persistence';
import { startContext } from '@itsm/platform/service';
import { CmdbFeed, DirectoryFeed, testPeers } from '@itsm/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectCmdbEventCommand, ProjectCmdbEventHandler, ProjectDirectoryEventCommand, ProjectDirectoryEventHandler } from '../application/commands';
import { ChangeReads } from '../application/ports/change-store.port';
import { changeContext } from '../change.context';
import { CHANGE_STATES, verifyChain } from '../domain';
import { DEMO_CHANGE_NAMES } from './change-demo-changes';
import { seedDemoChange } from './change-demo-data';

const SERVICES = new Set(['Web shop', 'Customer portal']);

/** The change demo on the peers, with the directory's and CMDB's demo names fed into its projections. */
describe('change demo data', () => {
  const keyDir = mkdtempSync(join(tmpdir(), 'itsm-auth-'));
  const bus = new InProcessEventBus(new TopicRegistry<readonly TopicDefinition[]>(PLATFORM_TOPICS));
  let app: INestApplication;

  beforeAll(async () => {
    ({ app } = await startContext(
      changeContext,
      { nodeEnv: 'test', logLevel: 'warn', mongo: { url: testPeers().mongoUrl, dbPrefix: `it${randomUUID().slice(0, 8)}` }, auth: { source: { kind: 'dev-key', file: join(keyDir, 'k.json') }, issuer: 'itsm-test', audience: 'itsm-test-api' }, bus },
      {},
      { port: await freePort(), host: '127.0.0.1' },
    ));
  });

  afterAll(async () => {
    await app?.close();
    await bus.close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('seeds templates and a change in every state once the projections know the names', async () => {
    const cmdb = new CmdbFeed();
    const feed = new DirectoryFeed();
    const projectCi = app.get(ProjectCmdbEventHandler);
    for (const name of DEMO_CHANGE_NAMES.cis) {
      await projectCi.execute(new ProjectCmdbEventCommand(cmdb.ciCreated({ ciId: `ci-${name.replace(/ /g, '-')}`, name, classId: SERVICES.has(name) ? 'application_service' : 'server' })));
    }
    const projectPerson = app.get(ProjectDirectoryEventHandler);
    const events = [
      feed.organisation({ organisationId: 'contoso', name: 'Contoso', kind: 'internal' }),
      feed.organisation({ organisationId: 'northwind-networks', name: 'Northwind', kind: 'supplier' }),
      feed.organisation({ organisationId: 'tailspin-hosting', name: 'Tailspin', kind: 'supplier' }),
      ...DEMO_CHANGE_NAMES.people.map((personId) => feed.person({ personId, userName: personId, organisationId: personId === 'u-nina' || personId === 'u-supplier-agent' ? 'northwind-networks' : 'contoso' })),
      feed.group({ groupId: 'app-support', name: 'Application Support', kind: 'assignment', organisationId: 'contoso' }),
      feed.membersAdded('app-support', ['u-implementer', 'u-bob']),
      feed.group({ groupId: 'network-ops', name: 'Network Operations', kind: 'assignment', organisationId: 'northwind-networks' }),
      feed.membersAdded('network-ops', ['u-nina', 'u-supplier-agent']),
      feed.group({ groupId: 'hosting-ops', name: 'Hosting Operations', kind: 'assignment', organisationId: 'tailspin-hosting' }),
    ];
    for (const event of events) await projectPerson.execute(new ProjectDirectoryEventCommand(event));
    const earlier = new Map([
      ['cmdb', new Map(DEMO_CHANGE_NAMES.cis.map((name) => [name, `ci-${name.replace(/ /g, '-')}`]))],
      ['directory', new Map([...DEMO_CHANGE_NAMES.people, ...DEMO_CHANGE_NAMES.groups].map((id) => [id, id]))],
    ]);

    const seeded = await seedDemoChange(app, earlier);
    const reads = app.get(ChangeReads);
    const all = (await reads.list({ kind: 'all' }, {}, 100, undefined)).items;
    expect(new Set(all.map((c) => c.state))).toEqual(new Set(CHANGE_STATES));
    expect(all.find((c) => c.id === seeded.get('emergency'))).toMatchObject({ state: 'implement', retrospectivelyAuthorised: true });
    expect(all.find((c) => c.id === seeded.get('standard'))).toMatchObject({ model: 'standard', state: 'scheduled' });
    expect(all.find((c) => c.id === seeded.get('scheduled'))?.assignedOrgId).toBe('northwind-networks');
    for (const change of all) expect(verifyChain((await reads.audit(change.id)) ?? [])).toMatchObject({ ok: true });
    // Once per store: a second run adds nothing.
    expect((await seedDemoChange(app, earlier)).size).toBe(0);
  });
});
