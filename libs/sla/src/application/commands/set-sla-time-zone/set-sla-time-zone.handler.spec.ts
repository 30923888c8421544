import { SlaErrorCode } from '../../../domain';
import { InMemorySlaPolicies } from '../../test-fixtures/sla-fakes';
import { SetSlaTimeZoneHandler } from './set-sla-time-zone.handler';

describe('SetSlaTimeZoneHandler', () => {
  it('stores a known IANA zone for the subject', async () => {
    const zones = new InMemorySlaPolicies();
    await new SetSlaTimeZoneHandler(zones).execute({ subject: 'user', subjectId: 'u1', timeZone: 'Asia/Tokyo' });
    expect(await zones.timeZoneOf('user', 'u1')).toBe('Asia/Tokyo');
  });

  it('refuses an unknown zone and stores nothing', async () => {
    const zones = new InMemorySlaPolicies();
    await expect(new SetSlaTimeZoneHandler(zones).execute({ subject: 'configuration_item', subjectId: 'ci-1', timeZone: 'Mars/Olympus' })).rejects.toMatchObject({
      code: SlaErrorCode.UnknownTimeZone,
    });
    expect(zones.zones.size).toBe(0);
  });
});
