import { ChangeErrorCode } from '../../../domain';
import { FixedClock } from '../../test-fixtures/fixed-clock';
import { InMemoryUnauthorisedChanges, withOpenRecord } from '../../test-fixtures/in-memory-unauthorised-changes';
import { AcknowledgeUnauthorisedChangeCommand } from './acknowledge-unauthorised-change.command';
import { AcknowledgeUnauthorisedChangeHandler } from './acknowledge-unauthorised-change.handler';

const DETECTED = new Date(Date.UTC(2031, 2, 3, 10, 0));
const NOW = new Date(DETECTED.getTime() + 3_600_000);

describe('AcknowledgeUnauthorisedChangeHandler', () => {
  const setup = async () => {
    const records = new InMemoryUnauthorisedChanges();
    await withOpenRecord(records, DETECTED);
    return { records, acknowledge: new AcknowledgeUnauthorisedChangeHandler(records, new FixedClock(NOW)) };
  };

  it('acknowledges an open record with its note, who and when, and says so in an event', async () => {
    const { records, acknowledge } = await setup();
    const done = await acknowledge.execute(new AcknowledgeUnauthorisedChangeCommand('uc-1', '  patch night, known  ', 'p-manager'));
    expect(done).toMatchObject({ status: 'acknowledged', note: 'patch night, known', resolvedBy: 'p-manager', resolvedAt: NOW, changeId: null });
    expect(records.events).toEqual([
      { type: 'itsm.change.unauthorised-change-resolved.v1', data: { recordId: 'uc-1', ciId: 'ci-1', resolution: 'acknowledged', note: 'patch night, known', changeId: null, by: 'p-manager', at: NOW.toISOString() } },
    ]);
  });

  it('refuses an acknowledgement without a note, of an unknown record, and a second one, changing nothing', async () => {
    const { records, acknowledge } = await setup();
    await expect(acknowledge.execute(new AcknowledgeUnauthorisedChangeCommand('uc-1', '   ', 'p-manager'))).rejects.toMatchObject({ code: ChangeErrorCode.InvalidInput });
    await expect(acknowledge.execute(new AcknowledgeUnauthorisedChangeCommand('uc-1', 'x'.repeat(2_001), 'p-manager'))).rejects.toMatchObject({ code: ChangeErrorCode.InvalidInput });
    await expect(acknowledge.execute(new AcknowledgeUnauthorisedChangeCommand('uc-404', 'known', 'p-manager'))).rejects.toMatchObject({ code: ChangeErrorCode.NotFound });
    expect(records.events).toEqual([]);
    await acknowledge.execute(new AcknowledgeUnauthorisedChangeCommand('uc-1', 'known', 'p-manager'));
    await expect(acknowledge.execute(new AcknowledgeUnauthorisedChangeCommand('uc-1', 'again', 'p-manager'))).rejects.toMatchObject({ code: ChangeErrorCode.IllegalTransition });
    expect(records.events).toHaveLength(1);
  });
});
