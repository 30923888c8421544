import { RecordingIntake, bootWithRecordingIntake } from '../application/planner/planner-spec-context';
import { NotificationErrorCode } from '../domain';
import type { BootedNotificationContext } from '../test-fixtures/booted-notification-context';

const FIELDS = 'personId urgentBreaksQuietHours channels { category email inApp } quietHours { startMinute endMinute days timeZone } digests { category frequency atMinute }';
const MINE = `query Mine($personId: ID) { myNotificationPreferences(personId: $personId) { ${FIELDS} } }`;
const SAVE = `mutation Save($input: NotificationPreferencesInput!, $personId: ID) { saveMyNotificationPreferences(input: $input, personId: $personId) { ${FIELDS} } }`;

interface PreferencesAnswer {
  personId: string;
  urgentBreaksQuietHours: boolean;
  channels: { category: string; email: boolean; inApp: boolean }[];
  quietHours: { startMinute: number; endMinute: number; days: string[] | null; timeZone: string | null } | null;
  digests: { category: string; frequency: string; atMinute: number | null }[];
}

const nights = { startMinute: 1320, endMinute: 420, days: ['mon', 'tue'], timeZone: 'Europe/Zurich' };

describe('notification preferences through GraphQL', () => {
  let context: BootedNotificationContext;

  beforeAll(async () => {
    context = await bootWithRecordingIntake(new RecordingIntake());
  });
  afterAll(() => context.app.close());

  it('gives a person who never saved any the defaults, every category listed', async () => {
    const mine = await context.ok<PreferencesAnswer>('n-carol', MINE);
    expect(mine.personId).toBe('n-carol');
    expect(mine.quietHours).toBeNull();
    expect(mine.urgentBreaksQuietHours).toBe(true);
    expect(mine.channels.find((c) => c.category === 'assignment')).toEqual({ category: 'assignment', email: true, inApp: true });
    expect(mine.digests.every((d) => d.frequency === 'off')).toBe(true);
  });

  it('saves and reads back one’s own preferences', async () => {
    const input = { channels: [{ category: 'update', email: false, inApp: true }], quietHours: nights, urgentBreaksQuietHours: false, digests: [{ category: 'comment', frequency: 'daily', atMinute: 480 }] };
    const saved = await context.ok<PreferencesAnswer>('n-alice', SAVE, { input });
    const read = await context.ok<PreferencesAnswer>('n-alice', MINE);
    expect(read).toEqual(saved);
    expect(read.personId).toBe('n-alice');
    expect(read.quietHours).toEqual(nights);
    expect(read.urgentBreaksQuietHours).toBe(false);
    expect(read.channels.find((c) => c.category === 'update')).toEqual({ category: 'update', email: false, inApp: true });
    expect(read.digests.find((d) => d.category === 'comment')).toEqual({ category: 'comment', frequency: 'daily', atMinute: 480 });
  });

  it('lets only a notification admin read or change someone else’s', async () => {
    const input = { channels: [{ category: 'sla', email: false, inApp: false }], quietHours: null, digests: [] };
    expect((await context.as('n-alice', SAVE, { input, personId: 'n-bob' })).errors?.[0]?.extensions?.['code']).toBe(NotificationErrorCode.Forbidden);
    expect((await context.as('n-alice', MINE, { personId: 'n-bob' })).errors?.[0]?.extensions?.['code']).toBe(NotificationErrorCode.Forbidden);
    expect((await context.ok<PreferencesAnswer>('n-bob', MINE)).channels.find((c) => c.category === 'sla')).toEqual({ category: 'sla', email: true, inApp: true });
    const byAdmin = await context.ok<PreferencesAnswer>('n-admin', SAVE, { input, personId: 'n-bob' });
    expect(byAdmin.personId).toBe('n-bob');
    expect((await context.ok<PreferencesAnswer>('n-bob', MINE)).channels.find((c) => c.category === 'sla')).toEqual({ category: 'sla', email: false, inApp: false });
    expect((await context.as('n-admin', MINE, { personId: 'n-nobody' })).errors?.[0]?.extensions?.['code']).toBe(NotificationErrorCode.NotFound);
  });

  it('refuses invalid preferences naming the field, and keeps what was saved', async () => {
    const before = await context.ok<PreferencesAnswer>('n-alice', MINE);
    const refused = await context.as('n-alice', SAVE, { input: { channels: [], quietHours: { startMinute: 600, endMinute: 600 }, digests: [] } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: NotificationErrorCode.InvalidPreference, details: { field: 'quietHours.endMinute' } });
    const badZone = await context.as('n-alice', SAVE, { input: { channels: [], quietHours: { ...nights, timeZone: 'Mars/Olympus' }, digests: [] } });
    expect(badZone.errors?.[0]?.extensions).toMatchObject({ code: NotificationErrorCode.InvalidPreference, details: { field: 'quietHours.timeZone' } });
    expect(await context.ok<PreferencesAnswer>('n-alice', MINE)).toEqual(before);
  });
});
