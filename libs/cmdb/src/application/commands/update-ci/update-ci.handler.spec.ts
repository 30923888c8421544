import { CmdbErrorCode } from '../../../domain';
import { inMemoryCmdb } from '../../test-fixtures/in-memory-cmdb';
import { RetireCiCommand } from '../retire-ci/retire-ci.command';
import { UpdateCiCommand } from './update-ci.command';

describe('UpdateCiHandler', () => {
  it('writes a person\'s change with its history entry and event, and tells the index', async () => {
    const cmdb = inMemoryCmdb();
    const server = await cmdb.discovered('server', { name: 'srv-001', serial_number: 'SN-001', os: 'Linux' });

    const result = await cmdb.updateCi.execute(new UpdateCiCommand(server.id, { os: 'Debian 12', cpu_count: 8 }, 'u-editor'));

    expect(result).toMatchObject({ outcome: 'updated', held: [], identificationConflicts: [], relationships: [] });
    expect(result.ci).toMatchObject({ id: server.id, sequence: 2, attributes: { name: 'srv-001', serial_number: 'SN-001', os: 'Debian 12', cpu_count: 8 } });
    expect(result.ci.provenance['os']).toEqual({ source: 'manual', by: 'u-editor', at: '2031-03-04T05:06:07.000Z' });
    expect(result.ci.history.at(-1)).toEqual({
      version: 2,
      kind: 'updated',
      source: 'manual',
      by: 'u-editor',
      at: '2031-03-04T05:06:07.000Z',
      changes: [
        { attribute: 'os', old: 'Linux', new: 'Debian 12' },
        { attribute: 'cpu_count', old: null, new: 8 },
      ],
    });
    expect(cmdb.cis.writes.at(-1)?.events.map((e) => e.type)).toEqual(['itsm.cmdb.ci-updated.v1']);
    expect(cmdb.index.cis).toEqual([expect.objectContaining({ id: server.id, sequence: 2 })]);
  });

  it('answers CMDB.CI_RETIRED for a retired CI and writes nothing', async () => {
    const cmdb = inMemoryCmdb();
    const server = await cmdb.discovered('server', { name: 'srv-001', serial_number: 'SN-001' });
    await cmdb.replica().retireCi.execute(new RetireCiCommand(server.id, 'gone', 'u-editor'));
    const writes = cmdb.cis.writes.length;
    const claims = [...cmdb.claims.claims.keys()];

    await expect(cmdb.updateCi.execute(new UpdateCiCommand(server.id, { os: 'Debian 12' }, 'u-editor'))).rejects.toMatchObject({ code: CmdbErrorCode.CiRetired, details: { ciId: server.id } });
    expect(cmdb.cis.writes).toHaveLength(writes);
    expect([...cmdb.claims.claims.keys()]).toEqual(claims);
    expect(cmdb.index.cis).toEqual([]);
  });

  it('answers CMDB.CI_NOT_FOUND for an id no CI has, and CMDB.UNKNOWN_SOURCE for a source nobody defined', async () => {
    const cmdb = inMemoryCmdb();
    await expect(cmdb.updateCi.execute(new UpdateCiCommand('64b000000000000000000009', { os: 'x' }, 'u-editor'))).rejects.toMatchObject({ code: CmdbErrorCode.CiNotFound });
    const server = await cmdb.discovered('server', { name: 'srv-001', serial_number: 'SN-001' });
    await expect(cmdb.updateCi.execute(new UpdateCiCommand(server.id, { os: 'x' }, 'u-editor', 'nobody'))).rejects.toMatchObject({ code: CmdbErrorCode.UnknownSource });
    expect(cmdb.cis.writes).toHaveLength(1);
  });

  it('decides again on the fresh CI when another writer wins the race: both changes kept', async () => {
    const cmdb = inMemoryCmdb();
    const server = await cmdb.discovered('server', { name: 'srv-001', serial_number: 'SN-001', os: 'Linux' });
    const edit = { version: 2, kind: 'updated' as const, source: 'manual', by: 'u-other', at: '2031-03-04T05:06:00.000Z', changes: [{ attribute: 'os', old: 'Linux', new: 'Debian 12' }] };
    const provenance = { ...server.provenance, os: { source: 'manual', by: 'u-other', at: edit.at } };
    cmdb.cis.beforeNextSave(() => cmdb.cis.put({ ...server, attributes: { ...server.attributes, os: 'Debian 12' }, provenance, history: [...server.history, edit], sequence: 2 }));

    const result = await cmdb.updateCi.execute(new UpdateCiCommand(server.id, { cpu_count: 8 }, 'u-editor'));

    expect(result.ci.attributes).toMatchObject({ os: 'Debian 12', cpu_count: 8 });
    expect(result.ci.sequence).toBe(3);
    expect(cmdb.cis.get(server.id)?.history.map((h) => [h.version, h.by])).toEqual([
      [1, 'loader'],
      [2, 'u-other'],
      [3, 'u-editor'],
    ]);
  });

  it('answers CMDB.CONFLICT when other writers keep winning', async () => {
    const cmdb = inMemoryCmdb();
    const server = await cmdb.discovered('server', { name: 'srv-001', serial_number: 'SN-001' });
    const race = (): void => {
      cmdb.cis.put(cmdb.cis.get(server.id)!);
      cmdb.cis.beforeNextSave(race);
    };
    cmdb.cis.beforeNextSave(race);
    await expect(cmdb.updateCi.execute(new UpdateCiCommand(server.id, { cpu_count: 8 }, 'u-editor'))).rejects.toMatchObject({ code: CmdbErrorCode.Conflict, message: 'the CI changed concurrently; try again' });
    expect(cmdb.cis.writes).toHaveLength(1);
  });
});
