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
import { CabMeetingStore } from '../application/ports/cab-stores.port';
import { ChangeReads } from '../application/ports/change-store.port';
import { CalendarWindowsHandler, CalendarWindowsQuery, ChangeConflictsHandler, ChangeConflictsQuery } from '../application/queries';
import { RiskQuestionnaireStore, RiskRuleStore } from '../application/ports/risk-stores.port';
import { changeContext } from '../change.context';
import { CHANGE_STATES, verifyChain } from '../domain';
import { DEMO_CHANGE_NAMES } from './change-demo-changes';
import { seedDemoChange } from './change-demo-data';
import { DEMO_RISK_RULES } from './change-risk-cab-demo-data';

const SERVICES = new Set(['Web shop', 'Customer portal']);
const MANAGER = { userId: 'u-change-manager', roles: ['change-manager'], orgId: 'contoso' };

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

  it('seeds templates and a change in every state once the projections know the names (in its own process: CIs found by name)', async () => {
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
      feed.group({ groupId: 'cab', name: 'Change Advisory Board', kind: 'cab', organisationId: 'contoso' }),
      feed.membersAdded('cab', ['u-change-manager', 'u-cab-1']),
    ];
    for (const event of events) await projectPerson.execute(new ProjectDirectoryEventCommand(event));
    // As the change service in its own process seeds it (compose, Kubernetes): no earlier demo
    // references; the directory's names are its ids, the CMDB's CIs are found by name in the projection.
    const seeded = await seedDemoChange(app, new Map());
    const reads = app.get(ChangeReads);
    const all = (await reads.list({ kind: 'all' }, {}, 100, undefined)).items;
    expect(new Set(all.map((c) => c.state))).toEqual(new Set(CHANGE_STATES));
    expect(all.find((c) => c.id === seeded.get('emergency'))).toMatchObject({ state: 'implement', retrospectivelyAuthorised: true });
    expect(all.find((c) => c.id === seeded.get('standard'))).toMatchObject({ model: 'standard', state: 'scheduled' });
    expect(all.find((c) => c.id === seeded.get('scheduled'))?.assignedOrgId).toBe('northwind-networks');
    // The demo approval policies: the change in Authorize waits for the change manager; the standard change was pre-approved by the system.
    expect(all.find((c) => c.id === seeded.get('authorize'))?.approval?.levels.map((l) => [l.status, l.approverIds])).toEqual([
      ['pending', ['u-change-manager']],
      ['waiting', ['u-cab-1', 'u-cab-2', 'u-cab-3']],
    ]);
    expect(all.find((c) => c.id === seeded.get('standard'))?.approval).toMatchObject({ outcome: 'approved', levels: [] });
    for (const change of all) expect(verifyChain((await reads.audit(change.id)) ?? [])).toMatchObject({ ok: true });
    // The calendar's demo: windows, the year-end freeze, one conflicting pair.
    const pair = await app.get(ChangeConflictsHandler).execute(MANAGER, new ChangeConflictsQuery(seeded.get('conflict-new') ?? ''));
    expect(pair).toEqual([expect.objectContaining({ kind: 'same_ci', otherChangeId: seeded.get('conflict-held') })]);
    const lists = await app.get(CalendarWindowsHandler).execute(new CalendarWindowsQuery());
    expect(lists.windows.map((w) => w.name)).toEqual(['Web shop Saturday night', 'web-01 nightly']);
    expect(lists.blackouts).toEqual([expect.objectContaining({ name: 'Year-end freeze', serviceIds: [] })]);
    // Risk rules, the questionnaire and the weekly CAB (Tuesdays 14:00 London) with the CAB group and a delegate.
    expect((await app.get(RiskRuleStore).all()).length).toBe(DEMO_RISK_RULES.length);
    expect(await app.get(RiskQuestionnaireStore).get()).toMatchObject({ version: 1 });
    expect(await app.get(CabMeetingStore).byId('weekly-cab')).toMatchObject({ memberGroupIds: ['cab'], delegates: [{ delegateId: 'u-implementer', forMemberId: 'u-cab-1' }], schedule: { timeZone: 'Europe/London', durationMinutes: 60 } });
    // Once per store: a second run adds nothing.
    expect((await seedDemoChange(app, new Map())).size).toBe(0);
  });
});
