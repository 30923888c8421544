import { CmdbErrorCode } from '../../../domain';
import { relationshipId } from '../../../persistence';
import { inMemoryCmdb } from '../../test-fixtures/in-memory-cmdb';
import { RemoveRelationshipCommand } from '../remove-relationship/remove-relationship.command';
import { RetireCiCommand } from '../retire-ci/retire-ci.command';
import { AddRelationshipCommand } from './add-relationship.command';

async function applicationAndServer() {
  const cmdb = inMemoryCmdb();
  const application = await cmdb.discovered('application', { name: 'payroll' });
  const server = await cmdb.discovered('server', { name: 'srv-001', serial_number: 'SN-001' });
  return { cmdb, application, server };
}

describe('AddRelationshipHandler', () => {
  it('adds the relationship with its event and tells the index', async () => {
    const { cmdb, application, server } = await applicationAndServer();

    const outcome = await cmdb.addRelationship.execute(new AddRelationshipCommand('runs_on', application.id, server.id, 'u-editor'));

    const id = relationshipId('runs_on', application.id, server.id);
    expect(outcome).toEqual({
      changed: true,
      relationship: { id, typeId: 'runs_on', sourceId: application.id, targetId: server.id, state: 'active', source: 'manual', createdBy: 'u-editor', createdAt: '2031-03-04T05:06:07.000Z', removedBy: null, removedAt: null, sequence: 1 },
    });
    expect(cmdb.relationships.writes.map((w) => w.events.map((e) => e.type))).toEqual([['itsm.cmdb.relationship-added.v1']]);
    expect(cmdb.index.relationships).toEqual([outcome.relationship]);
  });

  it('is idempotent: adding it again changes nothing (changed false)', async () => {
    const { cmdb, application, server } = await applicationAndServer();
    const first = await cmdb.addRelationship.execute(new AddRelationshipCommand('runs_on', application.id, server.id, 'u-editor'));

    const second = await cmdb.addRelationship.execute(new AddRelationshipCommand('runs_on', application.id, server.id, 'u-other', 'import'));

    expect(second).toEqual({ relationship: first.relationship, changed: false });
    expect(cmdb.relationships.writes).toHaveLength(1);
    expect(cmdb.index.relationships).toHaveLength(1);
  });

  it('answers CMDB.FORBIDDEN_RELATIONSHIP when the type\'s class rules do not admit it, and writes nothing', async () => {
    const { cmdb, application, server } = await applicationAndServer();

    await expect(cmdb.addRelationship.execute(new AddRelationshipCommand('runs_on', server.id, application.id, 'u-editor'))).rejects.toMatchObject({
      code: CmdbErrorCode.ForbiddenRelationship,
      details: { typeId: 'runs_on', sourceClassId: 'server', targetClassId: 'application' },
    });
    expect(cmdb.relationships.writes).toEqual([]);
    expect(cmdb.index.relationships).toEqual([]);
  });

  it('answers CMDB.CI_RETIRED when an end is retired, and CMDB.CI_NOT_FOUND when it does not exist', async () => {
    const { cmdb, application, server } = await applicationAndServer();
    await expect(cmdb.addRelationship.execute(new AddRelationshipCommand('runs_on', application.id, '64b000000000000000000009', 'u-editor'))).rejects.toMatchObject({ code: CmdbErrorCode.CiNotFound, details: { ciId: '64b000000000000000000009' } });
    await cmdb.replica().retireCi.execute(new RetireCiCommand(server.id, 'gone', 'u-editor'));
    await expect(cmdb.addRelationship.execute(new AddRelationshipCommand('runs_on', application.id, server.id, 'u-editor'))).rejects.toMatchObject({ code: CmdbErrorCode.CiRetired });
    expect(cmdb.relationships.writes).toEqual([]);
  });

  it('revives a removed relationship in the same document', async () => {
    const { cmdb, application, server } = await applicationAndServer();
    const added = await cmdb.addRelationship.execute(new AddRelationshipCommand('runs_on', application.id, server.id, 'u-editor'));
    await cmdb.removeRelationship.execute(new RemoveRelationshipCommand(added.relationship.id, 'u-editor'));

    const revived = await cmdb.addRelationship.execute(new AddRelationshipCommand('runs_on', application.id, server.id, 'u-other'));

    expect(revived).toMatchObject({ changed: true, relationship: { id: added.relationship.id, state: 'active', createdBy: 'u-other', removedBy: null, sequence: 3 } });
    expect(cmdb.relationships.all()).toHaveLength(1);
  });

  it('decides again when another writer adds it first: changed false, nothing written twice', async () => {
    const { cmdb, application, server } = await applicationAndServer();
    const other = cmdb.replica();
    const added = await other.addRelationship.execute(new AddRelationshipCommand('runs_on', application.id, server.id, 'u-other'));
    await other.removeRelationship.execute(new RemoveRelationshipCommand(added.relationship.id, 'u-other'));
    const removed = cmdb.relationships.get(added.relationship.id)!;
    cmdb.relationships.beforeNextSave(() => cmdb.relationships.put({ ...removed, state: 'active', removedBy: null, removedAt: null, createdBy: 'u-third', sequence: 3 }));

    const outcome = await cmdb.addRelationship.execute(new AddRelationshipCommand('runs_on', application.id, server.id, 'u-editor'));

    expect(outcome).toMatchObject({ changed: false, relationship: { state: 'active', createdBy: 'u-third' } });
    expect(cmdb.relationships.writes).toHaveLength(2);
  });
});
