import { connectContext } from '@itsm/platform/persistence';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { newCalendarId } from '../application/calendar/calendar-references';
import type { BlackoutWindow, MaintenanceWindow } from '../domain';
import { BlackoutWindowRepository, MaintenanceWindowRepository } from './calendar-windows.repository';

const mongoUrl = (): string => {
  const url = process.env['ITSM_TEST_MONGO_URL'];
  if (url === undefined) throw new Error('run with jest.int.config.ts');
  return url;
};

// Stored instants are data, not the clock: fixed values.
const AT = new Date(Date.UTC(2030, 0, 6, 12));

describe('calendar repositories on the MongoDB peer', () => {
  let connection: Connection;
  let windows: MaintenanceWindowRepository;
  let blackouts: BlackoutWindowRepository;

  beforeAll(async () => {
    connection = await connectContext({ url: mongoUrl(), dbPrefix: 'itsm_test' }, `change_${randomUUID().slice(0, 8)}`);
    windows = new MaintenanceWindowRepository(connection);
    blackouts = new BlackoutWindowRepository(connection);
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('stores, reads back as domain objects, replaces under the version, removes', async () => {
    const window: MaintenanceWindow = { id: newCalendarId(), name: 'DB nights', scope: 'ci', targetId: 'ci-db', rrule: 'FREQ=DAILY', firstStart: '2030-01-01T22:00', durationMinutes: 240, timeZone: 'Europe/Berlin', createdAt: AT, updatedAt: AT, version: 1 };
    await windows.insert(window);
    expect(await windows.byId(window.id)).toEqual(window);
    const moved = { ...window, firstStart: '2030-01-01T23:00', version: 2 };
    expect(await windows.replace(moved, 1)).toBe(true);
    expect(await windows.replace({ ...window, name: 'stale', version: 2 }, 1)).toBe(false);
    expect(await windows.all()).toEqual([moved]);
    expect(await windows.remove(window.id)).toBe(true);
    expect(await windows.remove(window.id)).toBe(false);
    expect(await windows.byId(window.id)).toBeUndefined();
    expect(await windows.byId('not-an-id')).toBeUndefined();
  });

  it('keeps a blackout exactly (services, instants, reason)', async () => {
    const blackout: BlackoutWindow = { id: newCalendarId(), name: 'Year-end freeze', reason: 'Financial close', serviceIds: ['svc-a', 'svc-b'], start: new Date(Date.UTC(2030, 11, 15)), end: new Date(Date.UTC(2031, 0, 5)), createdAt: AT, updatedAt: AT, version: 1 };
    await blackouts.insert(blackout);
    expect(await blackouts.all()).toEqual([blackout]);
    expect(await blackouts.replace({ ...blackout, reason: 'Audit', version: 2 }, 1)).toBe(true);
    expect((await blackouts.byId(blackout.id))?.reason).toBe('Audit');
  });
});
