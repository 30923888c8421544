import { cmdbStream } from '../../test-fixtures/cmdb-events';
import { cmdbChange } from './cmdb-record-change';
import type { CmdbEvent } from './cmdb-record-change';
import { InMemoryCmdbProjection } from './in-memory-cmdb-projection';

const refuse = (message: string, eventId: string) => Object.assign(new Error(message), { eventId });

describe('the platform CMDB projection (apply rules, in memory as in MongoDB)', () => {
  const setup = () => {
    const cmdb = cmdbStream();
    const projection = new InMemoryCmdbProjection();
    const apply = async (...events: CmdbEvent[]) => {
      const outcomes: string[] = [];
      for (const event of events) {
        const change = cmdbChange(event, refuse);
        outcomes.push(change.kind === 'relationship' ? 'relationship' : await projection.apply(change, event));
      }
      return outcomes;
    };
    return { cmdb, projection, apply };
  };

  it('keeps a CI with its name, class and attributes; service classes are services; unknown ids are absent', async () => {
    const { cmdb, projection, apply } = setup();
    await apply(cmdb.created({ ciId: 'ci-db', classId: 'database', name: 'orders-db', attributes: { port: 5432 } }), cmdb.created({ ciId: 'ci-pay', classId: 'business_service', name: 'Payments' }));
    const found = await projection.cis(['ci-db', 'ci-pay', 'ci-nothing']);
    expect(found.get('ci-db')).toEqual({ id: 'ci-db', name: 'orders-db', classId: 'database', service: false, retired: false, attributes: { port: 5432 } });
    expect(found.get('ci-pay')?.service).toBe(true);
    expect(found.has('ci-nothing')).toBe(false);
  });

  it('applies each event once and never over a later one of its stream: duplicates and out-of-order events change nothing', async () => {
    const { cmdb, projection, apply } = setup();
    const created = cmdb.created({ ciId: 'ci-1', name: 'web-1', attributes: { os: 'linux' } });
    const updated = cmdb.updated({ ciId: 'ci-1', name: 'web-01', attributes: { os: 'bsd' } });
    expect(await apply(updated, created, updated)).toEqual(['applied', 'duplicate', 'duplicate']);
    expect((await projection.cis(['ci-1'])).get('ci-1')).toMatchObject({ name: 'web-01', attributes: { os: 'bsd' } });
  });

  it('flags a retired CI (attributes kept) and an older update replayed after the retirement cannot revive it', async () => {
    const { cmdb, projection, apply } = setup();
    const created = cmdb.created({ ciId: 'ci-old', attributes: { os: 'linux' } });
    const updated = cmdb.updated({ ciId: 'ci-old', attributes: { os: 'bsd' } });
    expect(await apply(created, cmdb.retired('ci-old'), updated)).toEqual(['applied', 'applied', 'duplicate']);
    expect((await projection.cis(['ci-old'])).get('ci-old')).toMatchObject({ retired: true, attributes: { os: 'linux' } });
  });

  it('answers which ids name no live CI (unknown or retired), each once in the order asked', async () => {
    const { cmdb, projection, apply } = setup();
    await apply(cmdb.created({ ciId: 'ci-live' }), cmdb.created({ ciId: 'ci-old' }), cmdb.retired('ci-old'));
    expect(await projection.unknownOrRetired(['ci-old', 'ci-live', 'ci-nothing', 'ci-old'])).toEqual(['ci-old', 'ci-nothing']);
    expect(await projection.unknownOrRetired([])).toEqual([]);
  });

  it('finds live CIs by name, the lowest id when a name is shared; retired ones are not found', async () => {
    const { cmdb, projection, apply } = setup();
    await apply(cmdb.created({ ciId: 'ci-b', name: 'mail' }), cmdb.created({ ciId: 'ci-a', name: 'mail' }), cmdb.created({ ciId: 'ci-c', name: 'fax' }), cmdb.retired('ci-c'));
    expect(await projection.idsByName(['mail', 'fax'])).toEqual(new Map([['mail', 'ci-a']]));
  });

  it('reads relationships (not kept by the CI projection) and refuses an event keyed by another record', async () => {
    const { cmdb } = setup();
    expect(cmdbChange(cmdb.related('r-1', 'ci-app', 'ci-db'), refuse)).toEqual({ kind: 'relationship', relationship: { id: 'r-1', typeId: 'depends_on', sourceId: 'ci-app', targetId: 'ci-db', active: true } });
    const misKeyed: CmdbEvent = { ...cmdb.created({ ciId: 'ci-1' }), subject: 'ci-2' };
    expect(() => cmdbChange(misKeyed, refuse)).toThrow(expect.objectContaining({ eventId: misKeyed.id }) as Error);
  });
});
