import { CmdbFeed } from '@itsm/testing';
import { FakeChangeLookups, InMemoryUnauthorisedChanges } from '../../test-fixtures/in-memory-unauthorised-changes';
import { DetectUnauthorisedChangeCommand } from './detect-unauthorised-change.command';
import { DetectUnauthorisedChangeHandler, unauthorisedChangeId } from './detect-unauthorised-change.handler';

describe('DetectUnauthorisedChangeHandler', () => {
  const setup = () => {
    const feed = new CmdbFeed();
    const records = new InMemoryUnauthorisedChanges();
    const changes = new FakeChangeLookups();
    const handler = new DetectUnauthorisedChangeHandler(records, changes);
    const discovered = (ciId: string, source = 'sccm') =>
      feed.ciUpdated({ ciId, name: `host ${ciId}`, source, attributes: { os: 'linux 6.8' }, changes: [{ attribute: 'os', old: 'linux 6.1', new: 'linux 6.8' }, { attribute: 'os', old: null, new: 'x' }] });
    return { feed, records, changes, handler, discovered };
  };

  it('records a discovery update of a CI no implementing change names, with its event', async () => {
    const { records, handler, discovered } = setup();
    const event = discovered('ci-1');
    const outcome = await handler.execute(new DetectUnauthorisedChangeCommand(event));
    expect(outcome).toEqual({ outcome: 'recorded', id: unauthorisedChangeId(event, new Date(event.data.at)) });
    const record = [...records.records.values()][0]?.record;
    expect(record).toMatchObject({ ciId: 'ci-1', ciName: 'host ci-1', source: 'sccm', status: 'open', discoveredBy: event.data.by, detectedAt: new Date(event.data.at) });
    expect(records.events).toEqual([
      { type: 'itsm.change.unauthorised-change-detected.v1', data: { recordId: record?.id, ciId: 'ci-1', ciName: 'host ci-1', source: 'sccm', attributes: ['os'], by: event.data.by, at: event.data.at } },
    ]);
  });

  it('records nothing twice for the same CMDB event (redelivery)', async () => {
    const { records, handler, discovered } = setup();
    const event = discovered('ci-1');
    await handler.execute(new DetectUnauthorisedChangeCommand(event));
    expect((await handler.execute(new DetectUnauthorisedChangeCommand(event))).outcome).toBe('duplicate');
    expect(records.records.size).toBe(1);
    expect(records.events).toHaveLength(1);
  });

  it('ignores manual edits and imports', async () => {
    const { records, handler, discovered } = setup();
    expect(await handler.execute(new DetectUnauthorisedChangeCommand(discovered('ci-1', 'manual')))).toEqual({ outcome: 'not-discovery' });
    expect(await handler.execute(new DetectUnauthorisedChangeCommand(discovered('ci-1', 'import')))).toEqual({ outcome: 'not-discovery' });
    expect(records.records.size).toBe(0);
  });

  it('records nothing while a change naming the CI (or the service) implements; a change in another state does not cover it', async () => {
    const { records, changes, handler, discovered } = setup();
    changes.add({ id: 'chg-1', state: 'implement', configurationItemIds: ['ci-1'], serviceIds: [] });
    changes.add({ id: 'chg-2', state: 'implement', configurationItemIds: [], serviceIds: ['svc-1'] });
    changes.add({ id: 'chg-3', state: 'scheduled', configurationItemIds: ['ci-2'], serviceIds: [] });
    expect(await handler.execute(new DetectUnauthorisedChangeCommand(discovered('ci-1')))).toEqual({ outcome: 'authorised' });
    expect(await handler.execute(new DetectUnauthorisedChangeCommand(discovered('svc-1')))).toEqual({ outcome: 'authorised' });
    expect((await handler.execute(new DetectUnauthorisedChangeCommand(discovered('ci-2')))).outcome).toBe('recorded');
    expect([...records.records.values()].map((s) => s.record.ciId)).toEqual(['ci-2']);
  });

  it('gives record ids that sort by detection time', () => {
    const stream = { source: '/itsm/cmdb', subject: 'ci-1', sequence: 4 };
    const earlier = unauthorisedChangeId(stream, new Date(1_000));
    const later = unauthorisedChangeId({ ...stream, sequence: 3 }, new Date(999_999_999));
    expect(earlier < later).toBe(true);
    expect(unauthorisedChangeId(stream, new Date(1_000))).toBe(earlier);
  });
});
