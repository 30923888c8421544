import { ContextPersistenceModule, directoryChange, MongoDirectoryProjection } from '@itsm/platform/persistence';
import type { DirectoryEvent } from '@itsm/platform/persistence';
import { CmdbFeed, DirectoryFeed } from '@itsm/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { cmdbChange } from '../application/projections/cmdb-change';
import type { CmdbEvent } from '../application/projections/cmdb-change';
import { ProjectedPeople } from '../application/projections/projected-people';
import { changeDirectory } from '../application/test-fixtures/in-memory-people';
import { CHANGE_PROJECTION_REPOSITORIES } from '../change-projections';
import { CmdbProjectionRepository } from './cmdb-projection.repository';

const mongoUrl = (): string => {
  const url = process.env['ITSM_TEST_MONGO_URL'];
  if (url === undefined) throw new Error('run with jest.int.config.ts');
  return url;
};

const CONNECTION = Symbol('CHANGE_TEST_CONNECTION');

/** The change context's CMDB and directory projections on the MongoDB peer, as ChangeModule registers them (indexes declared and created). */
describe('change projections on the MongoDB peer', () => {
  let app: INestApplicationContext;
  let cis: CmdbProjectionRepository;
  let directory: MongoDirectoryProjection;
  let people: ProjectedPeople;
  const cmdb = new CmdbFeed();
  const feed = new DirectoryFeed();

  const applyCmdb = async (...events: CmdbEvent[]) => {
    const outcomes: string[] = [];
    for (const event of events) outcomes.push(await cis.apply(cmdbChange(event), event));
    return outcomes;
  };
  const applyDirectory = async (...events: DirectoryEvent[]) => {
    const outcomes: string[] = [];
    for (const event of events) outcomes.push(await directory.apply(directoryChange(event, (message) => new Error(message)), event));
    return outcomes;
  };

  beforeAll(async () => {
    const persistence = ContextPersistenceModule.forRoot({
      context: 'change',
      mongo: { url: mongoUrl(), dbPrefix: `itsm_test_${randomUUID().slice(0, 8)}` },
      connection: CONNECTION,
      repositories: CHANGE_PROJECTION_REPOSITORIES,
    });
    app = await NestFactory.createApplicationContext(persistence, { logger: false });
    cis = app.get(CmdbProjectionRepository);
    directory = app.get(MongoDirectoryProjection);
    people = new ProjectedPeople(directory);
    await applyDirectory(...changeDirectory(feed));
  });
  afterAll(async () => {
    await app.get<Connection>(CONNECTION).dropDatabase();
    await app.close();
  });

  it('keeps the latest CI state; duplicates and older events change nothing', async () => {
    const created = cmdb.ciCreated({ ciId: 'ci-db', classId: 'database', name: 'orders-db', attributes: { environment: 'production', port: 5432 } });
    const updated = cmdb.ciUpdated({ ciId: 'ci-db', classId: 'database', name: 'orders-db', attributes: { environment: 'staging' } });
    expect(await applyCmdb(created, updated, updated, created)).toEqual(['applied', 'applied', 'duplicate', 'duplicate']);
    await applyCmdb(cmdb.ciCreated({ ciId: 'ci-pay', classId: 'business_service', name: 'Payments' }));
    const found = await cis.find(['ci-db', 'ci-pay', 'ci-unknown']);
    expect(found.get('ci-db')).toEqual({ id: 'ci-db', name: 'orders-db', classId: 'database', service: false, retired: false, attributes: { environment: 'staging' } });
    expect(found.get('ci-pay')?.service).toBe(true);
    expect(found.has('ci-unknown')).toBe(false);
  });

  it('flags a retired CI; an older update replayed after it cannot revive it', async () => {
    const created = cmdb.ciCreated({ ciId: 'ci-old', attributes: { os: 'linux' } });
    const updated = cmdb.ciUpdated({ ciId: 'ci-old', attributes: { os: 'bsd' } });
    expect(await applyCmdb(created, cmdb.ciRetired('ci-old'), updated)).toEqual(['applied', 'applied', 'duplicate']);
    expect((await cis.find(['ci-old'])).get('ci-old')).toMatchObject({ retired: true, attributes: { os: 'linux' } });
  });

  it('answers neighbours both directions; a removed relationship leaves, and its replayed `added` does not bring it back', async () => {
    const added = cmdb.relationshipAdded('r-1', 'ci-app', 'ci-host');
    await applyCmdb(added, cmdb.relationshipAdded('r-2', 'ci-host', 'ci-rack', 'hosted_on'), cmdb.relationshipAdded('r-3', 'ci-web', 'ci-host'));
    expect((await cis.neighbours(['ci-host'])).get('ci-host')).toEqual({ parents: ['ci-app', 'ci-web'], children: ['ci-rack'] });
    expect(await applyCmdb(cmdb.relationshipRemoved('r-1', 'ci-app', 'ci-host'), added)).toEqual(['applied', 'duplicate']);
    const after = await cis.neighbours(['ci-host', 'ci-app']);
    expect(after.get('ci-host')?.parents).toEqual(['ci-web']);
    expect(after.get('ci-app')).toEqual({ parents: [], children: [] });
  });

  it('projects people with their groups roles, groups with active members and organisation kind, role holders', async () => {
    expect((await people.people(['p-implementer'])).get('p-implementer')).toEqual({ id: 'p-implementer', displayName: 'p-implementer', active: true, organisationId: 'contoso', roles: ['implementer'], timeZone: 'Europe/Zurich' });
    expect(await people.group('g-fabrikam-ops')).toEqual({ id: 'g-fabrikam-ops', name: 'Fabrikam operations', kind: 'assignment', organisationId: 'fabrikam', organisationKind: 'supplier', memberIds: ['p-supplier'], roles: ['implementer'] });
    expect((await people.group('g-network'))?.memberIds).toEqual(['p-implementer']);
    expect((await people.withRole('cab-member', 2)).map((p) => p.id)).toEqual(['p-cab-1', 'p-cab-2']);
    expect((await people.withRole('change-manager', 10)).map((p) => p.id)).toEqual(['p-manager']);
  });

  it('applies directory duplicates and older events not at all; tombstones stay', async () => {
    const renamed = feed.person({ personId: 'p-requester', userName: 'p-requester', displayName: 'Rita Requester', organisationId: 'contoso' }, 'itsm.directory.person-updated.v1');
    const older = { ...renamed, id: 'older', sequence: renamed.sequence - 1, data: { ...renamed.data, displayName: 'Old name' } } as DirectoryEvent;
    expect(await applyDirectory(renamed, renamed, older)).toEqual(['applied', 'duplicate', 'duplicate']);
    expect((await people.people(['p-requester'])).get('p-requester')?.displayName).toBe('Rita Requester');
    const added = feed.membersAdded('g-cab', ['p-requester']);
    const saved = feed.group({ groupId: 'g-cab', name: 'CAB', kind: 'cab', roles: ['cab-member'] });
    expect(await applyDirectory(feed.groupDeleted('g-cab'), added, saved)).toEqual(['applied', 'duplicate', 'duplicate']);
    expect(await people.group('g-cab')).toBeUndefined();
    expect(await people.withRole('cab-member', 10)).toEqual([]);
  });
});
