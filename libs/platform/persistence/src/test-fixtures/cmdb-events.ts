import { createEnvelope } from '@itsm/contracts';
import type { CmdbEvent } from '../lib/cmdb-projection';

const AT = new Date('2030-01-01T00:00:00.000Z');
type CiFacts = { readonly ciId: string; readonly classId?: string; readonly name?: string; readonly attributes?: Record<string, string | number | boolean | null> };

/**
 * The CMDB's events for the platform projection's specs, numbered per subject in the order they are
 * written (1, 2, 3, ...). libs/testing's CmdbFeed cannot be used here: it depends on this library.
 */
export function cmdbStream() {
  const sequences = new Map<string, number>();
  let ids = 0;
  const write = (type: CmdbEvent['type'], subject: string, data: object): CmdbEvent => {
    const sequence = (sequences.get(subject) ?? 0) + 1;
    sequences.set(subject, sequence);
    const payload = { ...data, by: 'u-cmdb', at: AT.toISOString() };
    return createEnvelope({ id: `ev-${++ids}`, source: '/itsm/cmdb', type, subject, time: AT, data: payload, sequence, correlationid: `ev-${ids}` }) as CmdbEvent;
  };
  const ci = (type: 'itsm.cmdb.ci-created.v1' | 'itsm.cmdb.ci-updated.v1', f: CiFacts) =>
    write(type, f.ciId, { ciId: f.ciId, classId: f.classId ?? 'server', name: f.name ?? f.ciId, operationalStatus: 'operational', attributes: f.attributes ?? {}, source: 'manual', ...(type === 'itsm.cmdb.ci-updated.v1' ? { changes: [{ attribute: 'note', old: null, new: 'x' }] } : {}) });
  return {
    created: (f: CiFacts) => ci('itsm.cmdb.ci-created.v1', f),
    updated: (f: CiFacts) => ci('itsm.cmdb.ci-updated.v1', f),
    retired: (ciId: string, classId = 'server') => write('itsm.cmdb.ci-retired.v1', ciId, { ciId, classId, name: ciId, reason: 'decommissioned' }),
    related: (relationshipId: string, sourceId: string, targetId: string) => write('itsm.cmdb.relationship-added.v1', relationshipId, { relationshipId, typeId: 'depends_on', sourceId, targetId }),
  };
}

