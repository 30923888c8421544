import { CmdbErrorCode } from '../../../domain';
import type { Attributes } from '../../../domain';
import { dataModelWith, inMemoryCmdb } from '../../test-fixtures/in-memory-cmdb';
import type { ObservedRelationship } from './report-discovered-ci.command';
import { ReportDiscoveredCiCommand } from './report-discovered-ci.command';

const AT = '2031-03-04T05:00:00.000Z';
const SUPPLIER = { id: 'supplier-feed', label: 'Supplier feed', precedence: 30, attributePrecedence: {}, mayCreate: false };
const SCCM = { id: 'sccm', label: 'SCCM', precedence: 60, attributePrecedence: {}, mayCreate: true };

function report(source: string, classId: string, attributes: Attributes, relationships: readonly ObservedRelationship[] = []): ReportDiscoveredCiCommand {
  return new ReportDiscoveredCiCommand({ source, classId, attributes, relationships, by: `${source}-bot`, at: AT });
}

describe('ReportDiscoveredCiHandler', () => {
  it('creates a CI from a source that may create: keys claimed, event written, index told', async () => {
    const cmdb = inMemoryCmdb();

    const result = await cmdb.reportDiscoveredCi.execute(report('import', 'server', { name: 'srv-001', serial_number: 'SN-001' }));

    expect(result).toMatchObject({ outcome: 'created', held: [], identificationConflicts: [], relationships: [] });
    expect(result.ci).toMatchObject({ state: 'active', sequence: 1, attributes: { name: 'srv-001', serial_number: 'SN-001' }, createdAt: AT });
    expect(cmdb.cis.writes.map((w) => w.events.map((e) => e.type))).toEqual([['itsm.cmdb.ci-created.v1']]);
    expect([...cmdb.claims.claims.values()].map((c) => c.ciId)).toEqual(result.ci.identifiers.map(() => result.ci.id));
    expect(result.ci.identifiers.length).toBeGreaterThan(0);
    expect(cmdb.index.cis).toEqual([expect.objectContaining({ id: result.ci.id, sequence: 1 })]);
  });

  it('merges a second report of the same CI under source precedence: same id, higher precedence kept', async () => {
    const cmdb = inMemoryCmdb(dataModelWith(SCCM));
    const created = await cmdb.reportDiscoveredCi.execute(report('sccm', 'server', { name: 'srv-001', serial_number: 'SN-001', os: 'Linux' }));

    const merged = await cmdb.reportDiscoveredCi.execute(report('import', 'server', { serial_number: 'SN-001', os: 'Windows', cpu_count: 4 }));

    expect(merged.outcome).toBe('updated');
    expect(merged.ci).toMatchObject({ id: created.ci.id, sequence: 2, attributes: { os: 'Linux', cpu_count: 4 } });
    expect(merged.held).toEqual([{ attribute: 'os', heldBy: 'sccm' }]);
    expect(cmdb.cis.all()).toHaveLength(1);
  });

  it('refuses a source that may not create when no CI matches (CMDB.SOURCE_MAY_NOT_CREATE), and writes nothing', async () => {
    const cmdb = inMemoryCmdb(dataModelWith(SUPPLIER));

    await expect(cmdb.reportDiscoveredCi.execute(report('supplier-feed', 'server', { name: 'srv-009', serial_number: 'SN-009' }))).rejects.toMatchObject({
      code: CmdbErrorCode.SourceMayNotCreate,
      details: { source: 'supplier-feed', classId: 'server' },
    });
    expect(cmdb.cis.writes).toEqual([]);
    expect(cmdb.claims.claims.size).toBe(0);
    expect(cmdb.index.cis).toEqual([]);
  });

  it('lets a source that may not create update the CI it identifies (read from the store, not a cold cache)', async () => {
    const cmdb = inMemoryCmdb(dataModelWith(SUPPLIER));
    const server = await cmdb.discovered('server', { name: 'srv-001', serial_number: 'SN-001' });

    const result = await cmdb.reportDiscoveredCi.execute(report('supplier-feed', 'server', { serial_number: 'SN-001', os: 'RHEL 9.4' }));

    expect(result).toMatchObject({ outcome: 'updated', ci: { id: server.id, attributes: { os: 'RHEL 9.4' } } });
  });

  it('checks the whole payload before writing: an unknown class or relationship type writes nothing', async () => {
    const cmdb = inMemoryCmdb();
    await expect(cmdb.reportDiscoveredCi.execute(report('import', 'toaster', { name: 't' }))).rejects.toMatchObject({ code: CmdbErrorCode.UnknownClass });
    const relationship = { typeId: 'powers', direction: 'outbound' as const, classId: 'server', identifiers: { serial_number: 'SN-002' } };
    await expect(cmdb.reportDiscoveredCi.execute(report('import', 'server', { name: 'srv-001', serial_number: 'SN-001' }, [relationship]))).rejects.toMatchObject({ code: CmdbErrorCode.UnknownRelationshipType });
    expect(cmdb.cis.writes).toEqual([]);
    expect(cmdb.claims.claims.size).toBe(0);
  });

  it('adds the relationships it reports, and says which it could not resolve or the class rules refused', async () => {
    const cmdb = inMemoryCmdb();
    const server = await cmdb.discovered('server', { name: 'srv-001', serial_number: 'SN-001' });
    const cluster = await cmdb.discovered('cluster', { name: 'esx-01' });
    const relationships: ObservedRelationship[] = [
      { typeId: 'runs_on', direction: 'outbound', classId: 'server', identifiers: { serial_number: 'SN-001' } },
      { typeId: 'runs_on', direction: 'outbound', classId: 'server', identifiers: { serial_number: 'SN-404' } },
      { typeId: 'member_of', direction: 'inbound', classId: 'cluster', identifiers: { name: 'esx-01' } },
    ];

    const result = await cmdb.reportDiscoveredCi.execute(report('import', 'application', { name: 'payroll' }, relationships));

    expect(result.relationships).toEqual([
      { typeId: 'runs_on', direction: 'outbound', targetId: server.id, outcome: 'added', code: null, message: null },
      { typeId: 'runs_on', direction: 'outbound', targetId: null, outcome: 'unresolved', code: null, message: expect.stringContaining('no server matches') },
      { typeId: 'member_of', direction: 'inbound', targetId: cluster.id, outcome: 'rejected', code: CmdbErrorCode.ForbiddenRelationship, message: 'a cluster may not member of a application' },
    ]);
    expect(cmdb.relationships.all().map((r) => [r.typeId, r.sourceId, r.targetId, r.source])).toEqual([['runs_on', result.ci.id, server.id, 'import']]);
  });

  it('decides again when another replica created the CI first: merged into it, no duplicate', async () => {
    const cmdb = inMemoryCmdb();
    const first = await cmdb.replica().reportDiscoveredCi.execute(report('import', 'server', { name: 'srv-001', serial_number: 'SN-001' }));

    // This replica's identity cache has never seen the keys: its claim fails and names the owner.
    const second = await cmdb.reportDiscoveredCi.execute(report('import', 'server', { name: 'srv-001', serial_number: 'SN-001', os: 'Linux' }));

    expect(second).toMatchObject({ outcome: 'updated', ci: { id: first.ci.id, attributes: { os: 'Linux' } } });
    expect(cmdb.cis.all()).toHaveLength(1);
    expect(new Set([...cmdb.claims.claims.values()].map((c) => c.ciId))).toEqual(new Set([first.ci.id]));
  });
});
