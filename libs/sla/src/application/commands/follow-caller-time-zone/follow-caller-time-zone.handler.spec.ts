import { DirectoryFeed } from '@itsm/testing';
import type { DirectoryPersonEvent } from '../../../domain';
import { SlaErrorCode } from '../../../domain';
import { InMemorySlaPolicies } from '../../test-fixtures/sla-fakes';
import { FollowCallerTimeZoneCommand } from './follow-caller-time-zone.command';
import { FollowCallerTimeZoneHandler } from './follow-caller-time-zone.handler';

describe('FollowCallerTimeZoneHandler', () => {
  const setup = () => {
    const zones = new InMemorySlaPolicies();
    const handler = new FollowCallerTimeZoneHandler(zones);
    const feed = new DirectoryFeed();
    const follow = async (event: DirectoryPersonEvent) => (await handler.execute(new FollowCallerTimeZoneCommand(event))).outcome;
    return { zones, feed, follow };
  };

  it("sets a caller's zone from the directory, keyed by user name as the SLA engine looks callers up (case-insensitive)", async () => {
    const { zones, feed, follow } = setup();
    expect(await follow(feed.person({ personId: 'p-1', userName: 'Kenji@Contoso.com', timeZone: 'Asia/Tokyo' }))).toBe('applied');
    expect(await zones.timeZoneOf('user', 'kenji@contoso.com')).toBe('Asia/Tokyo');
    expect(await zones.timeZoneOf('user', 'KENJI@contoso.com')).toBe('Asia/Tokyo');
  });

  it('updates and reactivates with the new zone; clears it when null or deleted', async () => {
    const { zones, feed, follow } = setup();
    await follow(feed.person({ personId: 'p-1', userName: 'u-kenji', timeZone: 'Asia/Tokyo' }));
    await follow(feed.person({ personId: 'p-1', userName: 'u-kenji', timeZone: 'Europe/Berlin' }, 'itsm.directory.person-updated.v1'));
    expect(await zones.timeZoneOf('user', 'u-kenji')).toBe('Europe/Berlin');
    await follow(feed.person({ personId: 'p-1', userName: 'u-kenji', timeZone: null }, 'itsm.directory.person-updated.v1'));
    expect(await zones.timeZoneOf('user', 'u-kenji')).toBeNull();
    await follow(feed.person({ personId: 'p-1', userName: 'u-kenji', timeZone: 'America/Chicago' }, 'itsm.directory.person-reactivated.v1'));
    expect(await zones.timeZoneOf('user', 'u-kenji')).toBe('America/Chicago');
    await follow(feed.personDeleted('p-1', 'u-kenji'));
    expect(await zones.timeZoneOf('user', 'u-kenji')).toBeNull();
  });

  it('never lets an older event overwrite a newer one, nor a duplicate apply twice', async () => {
    const { zones, feed, follow } = setup();
    const first = feed.person({ personId: 'p-1', userName: 'u-kenji', timeZone: 'Asia/Tokyo' });
    const second = feed.person({ personId: 'p-1', userName: 'u-kenji', timeZone: 'Europe/Berlin' }, 'itsm.directory.person-updated.v1');
    expect(await follow(second)).toBe('applied');
    expect(await follow(first)).toBe('duplicate');
    expect(await follow(second)).toBe('duplicate');
    expect(await zones.timeZoneOf('user', 'u-kenji')).toBe('Europe/Berlin');
  });

  it("moves the zone with a renamed person: the old user name no longer has it", async () => {
    const { zones, feed, follow } = setup();
    await follow(feed.person({ personId: 'p-1', userName: 'u-kenji', timeZone: 'Asia/Tokyo' }));
    await follow(feed.person({ personId: 'p-1', userName: 'u-kenji.sato', timeZone: 'Asia/Tokyo' }, 'itsm.directory.person-updated.v1'));
    expect(await zones.timeZoneOf('user', 'u-kenji')).toBeNull();
    expect(await zones.timeZoneOf('user', 'u-kenji.sato')).toBe('Asia/Tokyo');
  });

  it('clears the zone when the directory names one this engine does not know, and says so', async () => {
    const { zones, feed } = setup();
    const handler = new FollowCallerTimeZoneHandler(zones);
    await zones.setTimeZone('user', 'u-kenji', 'Asia/Tokyo');
    const result = await handler.execute(new FollowCallerTimeZoneCommand(feed.person({ personId: 'p-1', userName: 'u-kenji', timeZone: 'Mars/Olympus' })));
    expect(result.caller).toMatchObject({ timeZone: null, unknownZone: 'Mars/Olympus' });
    expect(await zones.timeZoneOf('user', 'u-kenji')).toBeNull();
  });

  it('refuses an event keyed by another person (SLA.INVALID_INPUT) and stores nothing', async () => {
    const { zones, feed, follow } = setup();
    const event = feed.person({ personId: 'p-1', userName: 'u-kenji', timeZone: 'Asia/Tokyo' });
    await expect(follow({ ...event, subject: 'p-2' })).rejects.toMatchObject({ code: SlaErrorCode.InvalidInput });
    expect(zones.zones.size).toBe(0);
  });
});
