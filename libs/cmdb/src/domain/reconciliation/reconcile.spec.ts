import { CmdbErrorCode } from '../cmdb.errors';
import type { DiscoverySource } from '../model/ci-class';
import type { Attributes, AttributeValue, ConfigurationItem, HistoryEntry } from '../model/ci';
import { CmdbDataModel } from '../model/cmdb-data-model';
import { CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES } from '../model/core-library';
import type { CheckedObservation, CiObservation, Reconciled } from './reconcile';
import { checkObservation, createCi, reconcileCi, retireCi } from './reconcile';
import { thrown } from '../test-fixtures/thrown';

function source(id: string, precedence: number, extra: Partial<DiscoverySource> = {}): DiscoverySource {
  return { id, label: id, precedence, attributePrecedence: {}, mayCreate: true, verificationKeys: [], builtIn: false, version: 1, ...extra };
}

/** manual 100, sccm 60, sccm_eu 60, supplier_feed 50 (may not create), scanner 40 but 90 on ip_address, import 10. */
const dataModel = new CmdbDataModel(CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES)
  .withSource(source('sccm', 60))
  .withSource(source('sccm_eu', 60))
  .withSource(source('supplier_feed', 50, { mayCreate: false }))
  .withSource(source('scanner', 40, { attributePrecedence: { ip_address: 90 } }));

const T0 = '2024-05-01T10:00:00Z';
const T1 = '2024-05-02T10:00:00Z';
const T2 = '2024-05-03T10:00:00Z';
const T3 = '2024-05-04T10:00:00Z';

function observation(sourceId: string, attributes: Attributes, options: { classId?: string; by?: string; at?: string } = {}): CiObservation {
  return { source: sourceId, classId: options.classId ?? 'server', attributes, by: options.by ?? `${sourceId}-bot`, at: options.at ?? T1 };
}

function checked(sourceId: string, attributes: Attributes, options: { classId?: string; by?: string; at?: string } = {}): CheckedObservation {
  return checkObservation(dataModel, observation(sourceId, attributes, options));
}

const SERVER: Attributes = { name: 'srv-1', fqdn: 'srv-1.example.com', serial_number: 'SN-1', os: 'Windows Server 2022', ip_address: '10.0.0.1', cpu_count: 8 };

/** srv-1, created by sccm at T0. */
function created(attributes: Attributes = SERVER, sourceId = 'sccm'): ConfigurationItem {
  return createCi(dataModel, 'ci-1', checked(sourceId, attributes, { at: T0, by: 'alice' })).ci;
}

function updated(result: Reconciled): Extract<Reconciled, { kind: 'updated' }> {
  if (result.kind !== 'updated') throw new Error(`expected an update, got ${result.kind}`);
  return result;
}

/** The attributes the history says the CI has: every change applied in order. */
function replay(history: readonly HistoryEntry[]): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  for (const entry of history) {
    for (const change of entry.changes) {
      if (change.attribute === 'retirement_reason') continue;
      expect(attributes[change.attribute] ?? null).toBe(change.old);
      if (change.new === null) delete attributes[change.attribute];
      else attributes[change.attribute] = change.new;
    }
  }
  return attributes;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

describe('checkObservation', () => {
  it('types the attributes and computes the identification keys, keeping the rest', () => {
    const result = checked('sccm', { name: ' SRV-1 ', serial_number: 'SN-1', fqdn: 'srv-1.example.com' }, { by: 'bob', at: T2 });
    expect(result).toEqual({
      source: 'sccm',
      classId: 'server',
      by: 'bob',
      at: T2,
      attributes: { name: ' SRV-1 ', serial_number: 'SN-1', fqdn: 'srv-1.example.com' },
      keys: ['server|fqdn=srv-1.example.com', 'hardware|serial_number=sn-1', 'server|name=srv-1'],
    });
  });

  it('accepts a partial observation that one rule identifies (an update)', () => {
    expect(checked('scanner', { ip_address: '10.0.0.9', fqdn: 'srv-1.example.com' }).keys).toEqual(['server|fqdn=srv-1.example.com']);
  });

  it('rejects an unknown source with CMDB.UNKNOWN_SOURCE', () => {
    const error = thrown(() => checked('tivoli', SERVER));
    expect(error.code).toBe(CmdbErrorCode.UnknownSource);
    expect(error.details).toEqual({ source: 'tivoli' });
  });

  it('rejects an abstract class with CMDB.ABSTRACT_CLASS and an unknown one with CMDB.UNKNOWN_CLASS', () => {
    expect(thrown(() => checked('sccm', { name: 'x', serial_number: 'SN' }, { classId: 'hardware' })).code).toBe(CmdbErrorCode.AbstractClass);
    expect(thrown(() => checked('sccm', { name: 'x' }, { classId: 'mainframe' })).code).toBe(CmdbErrorCode.UnknownClass);
  });

  it('rejects an observation no identification rule is satisfied by with CMDB.NOT_IDENTIFIABLE', () => {
    const error = thrown(() => checked('sccm', { os: 'linux', cpu_count: 4 }));
    expect(error.code).toBe(CmdbErrorCode.NotIdentifiable);
    expect(error.details).toEqual({ classId: 'server' });
    expect(error.message).toContain('fqdn; serial_number; asset_tag; name');
    expect(thrown(() => checked('sccm', { os: 'linux', serial_number: '  ' })).code).toBe(CmdbErrorCode.NotIdentifiable);
  });

  it('rejects a badly typed or unknown attribute with CMDB.INVALID_ATTRIBUTE naming it', () => {
    expect(thrown(() => checked('sccm', { ...SERVER, ip_address: '1.2.3.256' })).details).toEqual({ attribute: 'ip_address', expected: 'ip_address' });
    expect(thrown(() => checked('sccm', { ...SERVER, vm_uuid: 'u-1' })).details).toEqual({ attribute: 'vm_uuid', expected: null });
    expect(thrown(() => checked('sccm', { ...SERVER, name: null })).details).toEqual({ attribute: 'name', expected: 'string' });
  });
});

describe('createCi', () => {
  it('creates an active CI at version 1 with every attribute recorded old null -> new', () => {
    const obs = checked('sccm', SERVER, { at: T0, by: 'alice' });
    const { ci, entry } = createCi(dataModel, 'ci-1', obs);
    expect(entry).toEqual({
      version: 1,
      kind: 'created',
      source: 'sccm',
      by: 'alice',
      at: T0,
      changes: Object.entries(SERVER).map(([attribute, value]) => ({ attribute, old: null, new: value })),
    });
    expect(ci).toEqual({
      id: 'ci-1',
      classId: 'server',
      name: 'srv-1',
      attributes: SERVER,
      provenance: Object.fromEntries(Object.keys(SERVER).map((attribute) => [attribute, { source: 'sccm', by: 'alice', at: T0 }])),
      state: 'active',
      identifiers: obs.keys,
      createdAt: T0,
      updatedAt: T0,
      sequence: 0,
      history: [entry],
    });
    expect(replay(ci.history)).toEqual(ci.attributes);
  });

  it('stores no null attribute: no value, no provenance, no change', () => {
    const { ci, entry } = createCi(dataModel, 'ci-1', checked('sccm', { name: 'srv-1', os: null }, { at: T0 }));
    expect(ci.attributes).toEqual({ name: 'srv-1' });
    expect(Object.keys(ci.provenance)).toEqual(['name']);
    expect(entry.changes).toEqual([{ attribute: 'name', old: null, new: 'srv-1' }]);
  });

  it('refuses a source that may not create with CMDB.SOURCE_MAY_NOT_CREATE', () => {
    const error = thrown(() => createCi(dataModel, 'ci-1', checked('supplier_feed', SERVER)));
    expect(error.code).toBe(CmdbErrorCode.SourceMayNotCreate);
    expect(error.details).toEqual({ source: 'supplier_feed', classId: 'server' });
  });

  it('refuses a CI without its required name with CMDB.INVALID_ATTRIBUTE', () => {
    const obs = checked('sccm', { fqdn: 'srv-1.example.com', os: 'linux' });
    const error = thrown(() => createCi(dataModel, 'ci-1', obs));
    expect(error.code).toBe(CmdbErrorCode.InvalidAttribute);
    expect(error.details).toEqual({ attribute: 'name', expected: 'string' });
  });
});

describe('reconcileCi', () => {
  it('does not let a lower source overwrite a higher one: the attribute is held', () => {
    const existing = created();
    const result = reconcileCi(dataModel, existing, checked('import', { fqdn: 'srv-1.example.com', os: 'Ubuntu 22.04' }));
    expect(result).toEqual({ kind: 'unchanged', ci: existing, held: [{ attribute: 'os', heldBy: 'sccm' }] });
    expect(result.ci).toBe(existing);
  });

  it('lets a lower source fill an attribute nobody holds, while reporting what it could not write', () => {
    const existing = created();
    const result = updated(reconcileCi(dataModel, existing, checked('import', { fqdn: 'srv-1.example.com', os: 'Ubuntu 22.04', memory_gb: 64 }, { by: 'carol', at: T1 })));
    expect(result.held).toEqual([{ attribute: 'os', heldBy: 'sccm' }]);
    expect(result.entry).toEqual({ version: 2, kind: 'updated', source: 'import', by: 'carol', at: T1, changes: [{ attribute: 'memory_gb', old: null, new: 64 }] });
    expect(result.ci.attributes).toEqual({ ...SERVER, memory_gb: 64 });
    expect(result.ci.provenance['memory_gb']).toEqual({ source: 'import', by: 'carol', at: T1 });
    expect(result.ci.provenance['os']).toEqual({ source: 'sccm', by: 'alice', at: T0 });
  });

  it('lets a source of equal precedence overwrite', () => {
    const result = updated(reconcileCi(dataModel, created(), checked('sccm_eu', { fqdn: 'srv-1.example.com', os: 'Windows Server 2025' })));
    expect(result.held).toEqual([]);
    expect(result.entry.changes).toEqual([{ attribute: 'os', old: 'Windows Server 2022', new: 'Windows Server 2025' }]);
    expect(result.ci.provenance['os']?.source).toBe('sccm_eu');
  });

  it('lets a higher source overwrite a lower one', () => {
    const existing = created(SERVER, 'import');
    const result = updated(reconcileCi(dataModel, existing, checked('sccm', { fqdn: 'srv-1.example.com', os: 'RHEL 9' })));
    expect(result.ci.attributes['os']).toBe('RHEL 9');
    expect(result.ci.provenance['os']?.source).toBe('sccm');
  });

  it('always lets a source overwrite its own value, however low its precedence', () => {
    const existing = created(SERVER, 'import');
    const result = updated(reconcileCi(dataModel, existing, checked('import', { fqdn: 'srv-1.example.com', os: 'RHEL 9', name: 'srv-1a' })));
    expect(result.held).toEqual([]);
    expect(result.ci.attributes).toMatchObject({ os: 'RHEL 9', name: 'srv-1a' });
    expect(result.ci.name).toBe('srv-1a');
  });

  it('applies a per-attribute precedence to that attribute only', () => {
    // scanner: 40, but 90 on ip_address; sccm: 60.
    const existing = created();
    const scanned = updated(reconcileCi(dataModel, existing, checked('scanner', { fqdn: 'srv-1.example.com', ip_address: '10.0.0.2', os: 'Linux' }, { at: T1 })));
    expect(scanned.entry.changes).toEqual([{ attribute: 'ip_address', old: '10.0.0.1', new: '10.0.0.2' }]);
    expect(scanned.held).toEqual([{ attribute: 'os', heldBy: 'sccm' }]);
    expect(scanned.ci.attributes).toMatchObject({ ip_address: '10.0.0.2', os: 'Windows Server 2022' });

    // Now the scanner holds ip_address: sccm cannot take it back, but still owns os.
    const back = updated(reconcileCi(dataModel, scanned.ci, checked('sccm', { fqdn: 'srv-1.example.com', ip_address: '10.0.0.1', os: 'Windows Server 2025' }, { at: T2 })));
    expect(back.held).toEqual([{ attribute: 'ip_address', heldBy: 'scanner' }]);
    expect(back.entry.changes).toEqual([{ attribute: 'os', old: 'Windows Server 2022', new: 'Windows Server 2025' }]);
    expect(back.ci.attributes['ip_address']).toBe('10.0.0.2');
    expect(back.entry.version).toBe(3);
  });

  it('reports kind unchanged and writes no history when nothing changes', () => {
    const existing = created();
    const result = reconcileCi(dataModel, existing, checked('sccm', SERVER, { at: T2 }));
    expect(result).toEqual({ kind: 'unchanged', ci: existing, held: [] });
    expect(result.ci).toBe(existing);
    expect(result.ci.history).toHaveLength(1);
    expect(result.ci.updatedAt).toBe(T0);
    // The same values from a lower source are not "held" either: there is nothing to write.
    expect(reconcileCi(dataModel, existing, checked('import', SERVER)).held).toEqual([]);
  });

  it('clears an attribute with null, recording old -> null and dropping its provenance', () => {
    const existing = created();
    const result = updated(reconcileCi(dataModel, existing, checked('sccm', { fqdn: 'srv-1.example.com', os: null }, { at: T1 })));
    expect(result.entry.changes).toEqual([{ attribute: 'os', old: 'Windows Server 2022', new: null }]);
    expect(result.ci.attributes).not.toHaveProperty('os');
    expect(result.ci.provenance).not.toHaveProperty('os');
    // Cleared, nobody holds it: a lower source may fill it again.
    const refilled = updated(reconcileCi(dataModel, result.ci, checked('import', { fqdn: 'srv-1.example.com', os: 'Ubuntu' }, { at: T2 })));
    expect(refilled.ci.attributes['os']).toBe('Ubuntu');
  });

  it('lets only a source of enough precedence clear an attribute', () => {
    const existing = created();
    const result = reconcileCi(dataModel, existing, checked('import', { fqdn: 'srv-1.example.com', os: null }));
    expect(result).toEqual({ kind: 'unchanged', ci: existing, held: [{ attribute: 'os', heldBy: 'sccm' }] });
  });

  it('treats clearing an attribute that has no value as no change', () => {
    const existing = created();
    expect(reconcileCi(dataModel, existing, checked('import', { fqdn: 'srv-1.example.com', memory_gb: null })).kind).toBe('unchanged');
  });

  it('rejects clearing a required attribute, even by the source holding it', () => {
    const existing = created();
    expect(thrown(() => checked('sccm', { fqdn: 'srv-1.example.com', name: null })).details).toEqual({ attribute: 'name', expected: 'string' });
    // Past checkObservation (a caller building the observation itself), reconcileCi still refuses.
    const clear: CheckedObservation = { ...observation('sccm', { fqdn: 'srv-1.example.com', name: null }), keys: ['server|fqdn=srv-1.example.com'] };
    const error = thrown(() => reconcileCi(dataModel, existing, clear));
    expect(error.code).toBe(CmdbErrorCode.InvalidAttribute);
    expect(error.details).toMatchObject({ attribute: 'name' });
  });

  it('keeps a complete, ordered history: versions 1, 2, 3, ... with source, who, when and old -> new', () => {
    const v1 = created();
    const v2 = updated(reconcileCi(dataModel, v1, checked('scanner', { fqdn: 'srv-1.example.com', ip_address: '10.0.0.2' }, { by: 'scan-1', at: T1 }))).ci;
    const unchanged = reconcileCi(dataModel, v2, checked('scanner', { fqdn: 'srv-1.example.com', ip_address: '10.0.0.2' }, { by: 'scan-1', at: T2 }));
    expect(unchanged.ci).toBe(v2);
    const v3 = updated(reconcileCi(dataModel, v2, checked('manual', { fqdn: 'srv-1.example.com', name: 'srv-01', os: null, cpu_count: 16 }, { by: 'dave', at: T2 }))).ci;
    const v4 = retireCi(v3, 'erin', T3, 'decommissioned').ci;

    expect(v4.history.map((e) => [e.version, e.kind, e.source, e.by, e.at])).toEqual([
      [1, 'created', 'sccm', 'alice', T0],
      [2, 'updated', 'scanner', 'scan-1', T1],
      [3, 'updated', 'manual', 'dave', T2],
      [4, 'retired', 'manual', 'erin', T3],
    ]);
    expect(v4.history[2]?.changes).toEqual([
      { attribute: 'name', old: 'srv-1', new: 'srv-01' },
      { attribute: 'os', old: 'Windows Server 2022', new: null },
      { attribute: 'cpu_count', old: 8, new: 16 },
    ]);
    // Each version's history is the previous one plus one entry.
    expect(v2.history.slice(0, 1)).toEqual(v1.history);
    expect(v3.history.slice(0, 2)).toEqual(v2.history);
    expect(v4.history.slice(0, 3)).toEqual(v3.history);
    // Replaying the history gives the attributes.
    for (const ci of [v1, v2, v3, v4]) expect(replay(ci.history)).toEqual(ci.attributes);
    expect(v3).toMatchObject({ name: 'srv-01', createdAt: T0, updatedAt: T2, sequence: 0, id: 'ci-1' });
  });

  it('replaces the identifiers when given new ones, even when no attribute changed', () => {
    const existing = created();
    const same = reconcileCi(dataModel, existing, checked('sccm', SERVER), [...existing.identifiers]);
    expect(same.ci).toBe(existing);
    const more = reconcileCi(dataModel, existing, checked('sccm', SERVER), [...existing.identifiers, 'server|name=srv-1-old']);
    expect(more.kind).toBe('unchanged');
    expect(more.ci.identifiers).toEqual([...existing.identifiers, 'server|name=srv-1-old']);
    expect(existing.identifiers).not.toContain('server|name=srv-1-old');
    const withChange = updated(reconcileCi(dataModel, existing, checked('sccm', { fqdn: 'srv-1.example.com', cpu_count: 4 }), ['server|fqdn=srv-1.example.com']));
    expect(withChange.ci.identifiers).toEqual(['server|fqdn=srv-1.example.com']);
  });

  it('rejects an observation of another class with CMDB.CLASS_MISMATCH', () => {
    const existing = created();
    const error = thrown(() => reconcileCi(dataModel, existing, checked('sccm', { name: 'srv-1', fqdn: 'srv-1.example.com' }, { classId: 'virtual_machine' })));
    expect(error.code).toBe(CmdbErrorCode.ClassMismatch);
    expect(error.details).toEqual({ ciId: 'ci-1', classId: 'server' });
  });

  it('does not revive a retired CI: CMDB.CI_RETIRED', () => {
    const retired = retireCi(created(), 'erin', T1, 'gone').ci;
    const error = thrown(() => reconcileCi(dataModel, retired, checked('manual', { fqdn: 'srv-1.example.com', os: 'x' })));
    expect(error.code).toBe(CmdbErrorCode.CiRetired);
    expect(error.details).toEqual({ ciId: 'ci-1' });
  });

  it('treats a value set by a since-deleted source as held by nobody', () => {
    const existing: ConfigurationItem = { ...created(), provenance: { ...created().provenance, os: { source: 'old_tool', by: 'x', at: T0 } } };
    const result = updated(reconcileCi(dataModel, existing, checked('import', { fqdn: 'srv-1.example.com', os: 'Ubuntu' })));
    expect(result.ci.attributes['os']).toBe('Ubuntu');
  });
});

describe('retireCi', () => {
  it('retires the CI with a history entry giving the reason', () => {
    const existing = created();
    const { ci, entry } = retireCi(existing, 'erin', T1, 'decommissioned');
    expect(entry).toEqual({ version: 2, kind: 'retired', source: 'manual', by: 'erin', at: T1, changes: [{ attribute: 'retirement_reason', old: null, new: 'decommissioned' }] });
    expect(ci).toEqual({ ...existing, state: 'retired', updatedAt: T1, history: [...existing.history, entry] });
    expect(existing.state).toBe('active');
  });

  it('records no change when no reason is given', () => {
    expect(retireCi(created(), 'erin', T1, '').entry.changes).toEqual([]);
  });

  it('refuses to retire twice', () => {
    const retired = retireCi(created(), 'erin', T1, 'gone').ci;
    const error = thrown(() => retireCi(retired, 'erin', T2, 'again'));
    expect(error.code).toBe(CmdbErrorCode.CiRetired);
    expect(error.details).toEqual({ ciId: 'ci-1' });
  });
});

describe('immutability', () => {
  it('mutates none of its inputs (deep-frozen)', () => {
    deepFreeze(CORE_CLASSES);
    deepFreeze(CORE_RELATIONSHIP_TYPES);
    deepFreeze(CORE_SOURCES);
    const scannerSource = deepFreeze(source('scanner', 40, { attributePrecedence: { ip_address: 90 } }));
    const frozenDataModel = new CmdbDataModel(CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES).withSource(deepFreeze(source('sccm', 60))).withSource(scannerSource);

    const createObs = deepFreeze(observation('sccm', { ...SERVER, memory_gb: null }, { at: T0 }));
    const createSnapshot = structuredClone(createObs);
    const checkedCreate = deepFreeze(checkObservation(frozenDataModel, createObs));
    const { ci: v1 } = createCi(frozenDataModel, 'ci-1', checkedCreate);
    deepFreeze(v1);
    const v1Snapshot = structuredClone(v1);

    const updateObs = deepFreeze(observation('scanner', { fqdn: 'srv-1.example.com', ip_address: '10.0.0.2', os: null, cpu_count: 12, memory_gb: 32 }, { at: T1 }));
    const checkedUpdate = deepFreeze(checkObservation(frozenDataModel, updateObs));
    const identifiers = deepFreeze(['server|fqdn=srv-1.example.com']);
    const result = updated(reconcileCi(frozenDataModel, v1, checkedUpdate, identifiers));
    deepFreeze(result);
    const retired = retireCi(result.ci, 'erin', T2, 'gone');

    expect(createObs).toEqual(createSnapshot);
    expect(v1).toEqual(v1Snapshot);
    expect(v1.history).toHaveLength(1);
    expect(result.held).toEqual([
      { attribute: 'os', heldBy: 'sccm' },
      { attribute: 'cpu_count', heldBy: 'sccm' },
    ]);
    expect(result.ci.attributes).toMatchObject({ ip_address: '10.0.0.2', memory_gb: 32, cpu_count: 8, os: 'Windows Server 2022' });
    expect(result.ci.identifiers).toEqual(identifiers);
    expect(result.ci.history).toHaveLength(2);
    expect(retired.ci.history).toHaveLength(3);
    expect(result.ci.state).toBe('active');
  });
});

describe('a class that gains a required attribute after its CIs were stored', () => {
  const stricter = dataModel.withClass({ ...dataModel.resolve('server').cls, attributes: [...dataModel.resolve('server').cls.attributes, { name: 'rack_unit', label: 'Rack unit', type: 'integer', required: true }] });

  it('still lets its older CIs be updated, and refuses clearing a required attribute', () => {
    const old = created();
    const result = updated(reconcileCi(stricter, old, checkObservation(stricter, observation('sccm', { serial_number: 'SN-1', os: 'Linux' }))));
    expect(result.entry.changes).toEqual([{ attribute: 'os', old: 'Windows Server 2022', new: 'Linux' }]);
    const clearing = thrown(() => reconcileCi(stricter, old, checkObservation(stricter, observation('manual', { serial_number: 'SN-1', name: null }))));
    expect(clearing).toMatchObject({ code: CmdbErrorCode.InvalidAttribute, details: { attribute: 'name' } });
  });
});
