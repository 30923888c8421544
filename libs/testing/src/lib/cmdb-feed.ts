import { cmdbTopic, createEnvelope, TopicRegistry } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { randomUUID } from 'node:crypto';

export type CmdbEvent = EventOf<typeof cmdbTopic>;
type CmdbType = CmdbEvent['type'];
export type CmdbEventOf<T extends CmdbType> = Extract<CmdbEvent, { type: T }>;
type DataOf<T extends CmdbType> = CmdbEventOf<T>['data'];
type CiFacts = Omit<DataOf<'itsm.cmdb.ci-created.v1'>, 'by' | 'at'>;
type Change = DataOf<'itsm.cmdb.ci-updated.v1'>['changes'][number];

/**
 * Writes `itsm.cmdb.v1` events as the CMDB publishes them (keyed by the CI's or relationship's id),
 * for tests of the contexts that follow it: each event is checked against the contract, and each
 * subject's events are numbered 1, 2, 3, ... in the order they are written.
 */
export class CmdbFeed {
  private readonly sequences = new Map<string, number>();
  private readonly registry = new TopicRegistry([cmdbTopic]);

  constructor(
    readonly source = '/itsm/cmdb',
    private readonly by = 'u-cmdb-test',
  ) {}

  /** A CI's creation (class `server`, source `manual` unless given). */
  ciCreated(facts: Pick<CiFacts, 'ciId'> & Partial<CiFacts>): CmdbEventOf<'itsm.cmdb.ci-created.v1'> {
    const data: CiFacts = { classId: 'server', name: facts.ciId, operationalStatus: 'operational', attributes: {}, source: 'manual', ...facts };
    return this.write('itsm.cmdb.ci-created.v1', data.ciId, data);
  }

  /** A CI's update: its whole state after it and what changed (one attribute `note` unless given). */
  ciUpdated(facts: Pick<CiFacts, 'ciId'> & Partial<CiFacts> & { changes?: Change[] }): CmdbEventOf<'itsm.cmdb.ci-updated.v1'> {
    const { changes, ...rest } = facts;
    const data = { classId: 'server', name: facts.ciId, operationalStatus: 'operational' as const, attributes: {}, source: 'manual', ...rest, changes: changes ?? [{ attribute: 'note', old: null, new: 'x' }] };
    return this.write('itsm.cmdb.ci-updated.v1', data.ciId, data);
  }

  ciRetired(ciId: string, classId = 'server', name = ciId): CmdbEventOf<'itsm.cmdb.ci-retired.v1'> {
    return this.write('itsm.cmdb.ci-retired.v1', ciId, { ciId, classId, name, reason: 'decommissioned' });
  }

  relationshipAdded(relationshipId: string, sourceId: string, targetId: string, typeId = 'depends_on'): CmdbEventOf<'itsm.cmdb.relationship-added.v1'> {
    return this.write('itsm.cmdb.relationship-added.v1', relationshipId, { relationshipId, typeId, sourceId, targetId });
  }

  relationshipRemoved(relationshipId: string, sourceId: string, targetId: string, typeId = 'depends_on'): CmdbEventOf<'itsm.cmdb.relationship-removed.v1'> {
    return this.write('itsm.cmdb.relationship-removed.v1', relationshipId, { relationshipId, typeId, sourceId, targetId });
  }

  private write<T extends CmdbType>(type: T, subject: string, data: Omit<DataOf<T>, 'by' | 'at'>): CmdbEventOf<T> {
    const sequence = (this.sequences.get(subject) ?? 0) + 1;
    this.sequences.set(subject, sequence);
    const full = { ...data, by: this.by, at: new Date().toISOString() };
    this.registry.validatePayload(cmdbTopic.name, type, full);
    const envelope = createEnvelope({ id: randomUUID(), source: this.source, type, subject, time: new Date(), data: full, sequence, correlationid: randomUUID() });
    // Checked against the contract just above: the payload is the one its type names.
    return envelope as unknown as CmdbEventOf<T>;
  }
}
