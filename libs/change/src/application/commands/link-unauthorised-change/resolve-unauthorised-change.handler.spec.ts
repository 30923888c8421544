import { FixedClock } from '../../test-fixtures/fixed-clock';
import type { UnauthorisedChange } from '../../../domain';
import { ChangeErrorCode } from '../../../domain';
import { FakeChangeLookups, InMemoryUnauthorisedChanges } from '../../test-fixtures/in-memory-unauthorised-changes';
import { AcknowledgeUnauthorisedChangeCommand } from '../acknowledge-unauthorised-change/acknowledge-unauthorised-change.command';
import { AcknowledgeUnauthorisedChangeHandler } from '../acknowledge-unauthorised-change/acknowledge-unauthorised-change.handler';
import { LinkUnauthorisedChangeCommand } from './link-unauthorised-change.command';
import { LinkUnauthorisedChangeHandler } from './link-unauthorised-change.handler';

const DETECTED = new Date(Date.UTC(2031, 2, 3, 10, 0));
const NOW = new Date(DETECTED.getTime() + 3_600_000);

describe('acknowledging and linking an unauthorised change', () => {
  const setup = async () => {
    const records = new InMemoryUnauthorisedChanges();
    const changes = new FakeChangeLookups().add({ id: 'chg-1', state: 'review', configurationItemIds: ['ci-1'], serviceIds: [] }).add({ id: 'chg-2', state: 'implement', configurationItemIds: ['ci-9'], serviceIds: [] });
    const clock = new FixedClock(NOW);
    const record: UnauthorisedChange = {
      id: 'uc-1',
      ciId: 'ci-1',
      ciName: 'web-1',
      classId: 'server',
      source: 'sccm',
      changes: [{ attribute: 'os', old: 'a', new: 'b' }],
      discoveredBy: 'sccm-job',
      detectedAt: DETECTED,
      status: 'open',
      note: null,
      changeId: null,
      resolvedBy: null,
      resolvedAt: null,
    };
    await records.create(record, [], { id: 'e', source: '/itsm/cmdb', subject: 'ci-1', sequence: 2 } as never);
    return { records, acknowledge: new AcknowledgeUnauthorisedChangeHandler(records, clock), link: new LinkUnauthorisedChangeHandler(records, changes, clock) };
  };

  it('acknowledges an open record with its note, who and when, and says so in an event', async () => {
    const { records, acknowledge } = await setup();
    const done = await acknowledge.execute(new AcknowledgeUnauthorisedChangeCommand('uc-1', '  patch night, known  ', 'p-manager'));
    expect(done).toMatchObject({ status: 'acknowledged', note: 'patch night, known', resolvedBy: 'p-manager', resolvedAt: NOW, changeId: null });
    expect(records.events).toEqual([
      { type: 'itsm.change.unauthorised-change-resolved.v1', data: { recordId: 'uc-1', ciId: 'ci-1', resolution: 'acknowledged', note: 'patch night, known', changeId: null, by: 'p-manager', at: NOW.toISOString() } },
    ]);
  });

  it('refuses an acknowledgement without a note, and a second resolution', async () => {
    const { acknowledge, link } = await setup();
    await expect(acknowledge.execute(new AcknowledgeUnauthorisedChangeCommand('uc-1', '   ', 'p-manager'))).rejects.toMatchObject({ code: ChangeErrorCode.InvalidInput });
    await acknowledge.execute(new AcknowledgeUnauthorisedChangeCommand('uc-1', 'known', 'p-manager'));
    await expect(link.execute(new LinkUnauthorisedChangeCommand('uc-1', 'chg-1', null, 'p-manager'))).rejects.toMatchObject({ code: ChangeErrorCode.IllegalTransition });
  });

  it('links an open record to a change naming its CI', async () => {
    const { records, link } = await setup();
    expect(await link.execute(new LinkUnauthorisedChangeCommand('uc-1', 'chg-1', null, 'p-manager'))).toMatchObject({ status: 'linked', changeId: 'chg-1', note: null, resolvedAt: NOW });
    expect(records.events.map((e) => e.data)).toEqual([expect.objectContaining({ resolution: 'linked', changeId: 'chg-1' })]);
  });

  it('refuses a link to an unknown change, to a change not naming the CI, and of an unknown record, changing nothing', async () => {
    const { records, link } = await setup();
    await expect(link.execute(new LinkUnauthorisedChangeCommand('uc-1', 'chg-404', null, 'p-manager'))).rejects.toMatchObject({ code: ChangeErrorCode.NotFound });
    await expect(link.execute(new LinkUnauthorisedChangeCommand('uc-1', 'chg-2', null, 'p-manager'))).rejects.toMatchObject({ code: ChangeErrorCode.InvalidInput });
    await expect(link.execute(new LinkUnauthorisedChangeCommand('uc-404', 'chg-1', null, 'p-manager'))).rejects.toMatchObject({ code: ChangeErrorCode.NotFound });
    expect((await records.byId('uc-1'))?.status).toBe('open');
    expect(records.events).toEqual([]);
  });
});
