import { CmdbErrorCode } from '../../../domain';
import { inMemoryCmdb } from '../../test-fixtures/in-memory-cmdb';
import { AddRelationshipCommand } from '../add-relationship/add-relationship.command';
import { RemoveRelationshipCommand } from './remove-relationship.command';

async function withRelationship() {
  const cmdb = inMemoryCmdb();
  const application = await cmdb.discovered('application', { name: 'payroll' });
  const server = await cmdb.discovered('server', { name: 'srv-001', serial_number: 'SN-001' });
  const { relationship } = await cmdb.replica().addRelationship.execute(new AddRelationshipCommand('runs_on', application.id, server.id, 'loader'));
  return { cmdb, relationship };
}

describe('RemoveRelationshipHandler', () => {
  it('removes it (the document stays), with its event, and tells the index', async () => {
    const { cmdb, relationship } = await withRelationship();

    const outcome = await cmdb.removeRelationship.execute(new RemoveRelationshipCommand(relationship.id, 'u-editor'));

    expect(outcome).toEqual({ changed: true, relationship: { ...relationship, state: 'removed', removedBy: 'u-editor', removedAt: '2031-03-04T05:06:07.000Z', sequence: 2 } });
    expect(cmdb.relationships.get(relationship.id)).toEqual(outcome.relationship);
    expect(cmdb.relationships.writes.at(-1)?.events.map((e) => e.type)).toEqual(['itsm.cmdb.relationship-removed.v1']);
    expect(cmdb.index.relationships).toEqual([outcome.relationship]);
  });

  it('is idempotent: removing it again changes nothing (changed false)', async () => {
    const { cmdb, relationship } = await withRelationship();
    const first = await cmdb.removeRelationship.execute(new RemoveRelationshipCommand(relationship.id, 'u-editor'));
    const writes = cmdb.relationships.writes.length;

    const second = await cmdb.removeRelationship.execute(new RemoveRelationshipCommand(relationship.id, 'u-other'));

    expect(second).toEqual({ changed: false, relationship: first.relationship });
    expect(cmdb.relationships.writes).toHaveLength(writes);
    expect(cmdb.index.relationships).toHaveLength(1);
  });

  it('answers CMDB.RELATIONSHIP_NOT_FOUND for an id no relationship has', async () => {
    const cmdb = inMemoryCmdb();
    await expect(cmdb.removeRelationship.execute(new RemoveRelationshipCommand('64b000000000000000000009', 'u-editor'))).rejects.toMatchObject({
      code: CmdbErrorCode.RelationshipNotFound,
      message: 'no relationship 64b000000000000000000009',
      details: { relationshipId: '64b000000000000000000009' },
    });
  });

  it('decides again when another writer removes it first: changed false, its removal kept', async () => {
    const { cmdb, relationship } = await withRelationship();
    const writes = cmdb.relationships.writes.length;
    cmdb.relationships.beforeNextSave(() => cmdb.relationships.put({ ...relationship, state: 'removed', removedBy: 'u-other', removedAt: '2031-03-04T05:00:00.000Z', sequence: 2 }));

    const outcome = await cmdb.removeRelationship.execute(new RemoveRelationshipCommand(relationship.id, 'u-editor'));

    expect(outcome).toMatchObject({ changed: false, relationship: { state: 'removed', removedBy: 'u-other' } });
    expect(cmdb.relationships.writes).toHaveLength(writes);
    expect(cmdb.index.relationships).toEqual([]);
  });
});
