import { CmdbErrorCode } from '../../../domain';
import { inMemoryCmdb } from '../../test-fixtures/in-memory-cmdb';
import { AddRelationshipCommand } from '../add-relationship/add-relationship.command';
import { RetireCiCommand } from './retire-ci.command';

async function serverWithApplication() {
  const cmdb = inMemoryCmdb();
  const server = await cmdb.discovered('server', { name: 'srv-001', serial_number: 'SN-001', os: 'Linux' });
  const application = await cmdb.discovered('application', { name: 'payroll' });
  const cluster = await cmdb.discovered('cluster', { name: 'esx-01' });
  await cmdb.replica().addRelationship.execute(new AddRelationshipCommand('runs_on', application.id, server.id, 'loader'));
  await cmdb.replica().addRelationship.execute(new AddRelationshipCommand('member_of', server.id, cluster.id, 'loader'));
  return { cmdb, server, application, cluster };
}

describe('RetireCiHandler', () => {
  it('retires the CI with its history kept, and removes every relationship of it', async () => {
    const { cmdb, server } = await serverWithApplication();
    const writesBefore = cmdb.cis.writes.length;

    const retired = await cmdb.retireCi.execute(new RetireCiCommand(server.id, 'decommissioned', 'u-editor'));

    expect(retired).toMatchObject({ id: server.id, state: 'retired', sequence: 2, updatedAt: '2031-03-04T05:06:07.000Z' });
    expect(cmdb.cis.get(server.id)?.history.map((h) => [h.version, h.kind, h.by])).toEqual([
      [1, 'created', 'loader'],
      [2, 'retired', 'u-editor'],
    ]);
    expect(cmdb.cis.get(server.id)?.history[1]?.changes).toEqual([{ attribute: 'retirement_reason', old: null, new: 'decommissioned' }]);
    expect(cmdb.cis.get(server.id)?.attributes).toEqual(server.attributes);
    expect(cmdb.cis.writes.slice(writesBefore).map((w) => w.events.map((e) => e.type))).toEqual([['itsm.cmdb.ci-retired.v1']]);
    expect(cmdb.relationships.all().map((r) => [r.typeId, r.state, r.removedBy])).toEqual([
      ['runs_on', 'removed', 'u-editor'],
      ['member_of', 'removed', 'u-editor'],
    ]);
    expect(cmdb.index.cis).toEqual([expect.objectContaining({ id: server.id, state: 'retired', sequence: 2 })]);
    expect(cmdb.index.relationships.map((r) => [r.typeId, r.state, r.sequence])).toEqual([
      ['runs_on', 'removed', 2],
      ['member_of', 'removed', 2],
    ]);
  });

  it('answers CMDB.CI_RETIRED for a retired CI and writes nothing', async () => {
    const { cmdb, server } = await serverWithApplication();
    await cmdb.retireCi.execute(new RetireCiCommand(server.id, '', 'u-editor'));
    const cis = cmdb.cis.writes.length;
    const relationships = cmdb.relationships.writes.length;

    await expect(cmdb.retireCi.execute(new RetireCiCommand(server.id, 'again', 'u-editor'))).rejects.toMatchObject({ code: CmdbErrorCode.CiRetired, details: { ciId: server.id } });
    expect(cmdb.cis.writes).toHaveLength(cis);
    expect(cmdb.relationships.writes).toHaveLength(relationships);
  });

  it('answers CMDB.CI_NOT_FOUND for an id no CI has', async () => {
    const cmdb = inMemoryCmdb();
    await expect(cmdb.retireCi.execute(new RetireCiCommand('64b000000000000000000009', 'gone', 'u-editor'))).rejects.toMatchObject({ code: CmdbErrorCode.CiNotFound, message: 'no CI 64b000000000000000000009' });
  });

  it('decides again on the fresh CI when another writer wins the race', async () => {
    const { cmdb, server } = await serverWithApplication();
    const current = cmdb.cis.get(server.id)!;
    const edit = { version: 2, kind: 'updated' as const, source: 'manual', by: 'u-other', at: '2031-03-04T05:06:00.000Z', changes: [{ attribute: 'os', old: 'Linux', new: 'Debian 12' }] };
    cmdb.cis.beforeNextSave(() => cmdb.cis.put({ ...current, attributes: { ...current.attributes, os: 'Debian 12' }, history: [...current.history, edit], sequence: 2 }));

    const retired = await cmdb.retireCi.execute(new RetireCiCommand(server.id, 'decommissioned', 'u-editor'));

    expect(retired.attributes['os']).toBe('Debian 12');
    expect(retired.sequence).toBe(3);
    expect(cmdb.cis.get(server.id)?.history.map((h) => h.kind)).toEqual(['created', 'updated', 'retired']);
  });

  it('answers CMDB.CI_RETIRED when the race was lost to another retirement', async () => {
    const { cmdb, server } = await serverWithApplication();
    const current = cmdb.cis.get(server.id)!;
    cmdb.cis.beforeNextSave(() => cmdb.cis.put({ ...current, state: 'retired' }));
    await expect(cmdb.retireCi.execute(new RetireCiCommand(server.id, 'decommissioned', 'u-editor'))).rejects.toMatchObject({ code: CmdbErrorCode.CiRetired });
    expect(cmdb.relationships.all().every((r) => r.state === 'active')).toBe(true);
  });
});
