import { ChangeErrorCode } from '../../../domain';
import { FixedClock } from '../../test-fixtures/fixed-clock';
import { FakeChangeLookups, InMemoryUnauthorisedChanges, withOpenRecord } from '../../test-fixtures/in-memory-unauthorised-changes';
import { LinkUnauthorisedChangeCommand } from './link-unauthorised-change.command';
import { LinkUnauthorisedChangeHandler } from './link-unauthorised-change.handler';

const DETECTED = new Date(Date.UTC(2031, 2, 3, 10, 0));
const NOW = new Date(DETECTED.getTime() + 3_600_000);

describe('LinkUnauthorisedChangeHandler', () => {
  const setup = async () => {
    const records = new InMemoryUnauthorisedChanges();
    await withOpenRecord(records, DETECTED);
    const changes = new FakeChangeLookups()
      .add({ id: 'chg-1', state: 'review', configurationItemIds: ['ci-1'], serviceIds: [] })
      .add({ id: 'chg-svc', state: 'new', configurationItemIds: [], serviceIds: ['ci-1'] })
      .add({ id: 'chg-2', state: 'implement', configurationItemIds: ['ci-9'], serviceIds: [] });
    return { records, link: new LinkUnauthorisedChangeHandler(records, changes, new FixedClock(NOW)) };
  };

  it('links an open record to a change naming its CI, and says so in an event', async () => {
    const { records, link } = await setup();
    expect(await link.execute(new LinkUnauthorisedChangeCommand('uc-1', 'chg-1', null, 'p-manager'))).toMatchObject({ status: 'linked', changeId: 'chg-1', note: null, resolvedBy: 'p-manager', resolvedAt: NOW });
    expect(records.events.map((e) => e.data)).toEqual([{ recordId: 'uc-1', ciId: 'ci-1', resolution: 'linked', note: null, changeId: 'chg-1', by: 'p-manager', at: NOW.toISOString() }]);
    await expect(link.execute(new LinkUnauthorisedChangeCommand('uc-1', 'chg-svc', null, 'p-manager'))).rejects.toMatchObject({ code: ChangeErrorCode.IllegalTransition });
  });

  it('accepts a change naming the CI as a service', async () => {
    const { link } = await setup();
    expect(await link.execute(new LinkUnauthorisedChangeCommand('uc-1', 'chg-svc', 'raised afterwards', 'p-manager'))).toMatchObject({ status: 'linked', changeId: 'chg-svc', note: 'raised afterwards' });
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
