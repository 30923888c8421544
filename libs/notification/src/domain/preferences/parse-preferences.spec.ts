import { NotificationError } from '../notification.errors';
import { channelEnabled, digestFor } from './notification-preferences';
import { parsePreferences } from './parse-preferences';
import type { PreferencesInput } from './parse-preferences';

const base: PreferencesInput = { channels: [], quietHours: null, digests: [] };

function refusal(input: PreferencesInput): string | null | undefined {
  try {
    parsePreferences('p', input);
  } catch (error) {
    if (!(error instanceof NotificationError)) throw error;
    expect(error.code).toBe('NOTIFICATION.INVALID_PREFERENCE');
    return error.details['field'] as string;
  }
  throw new Error('accepted');
}

describe('parsePreferences', () => {
  it('keeps what the person chose and defaults the rest (channels on, no digest, urgent breaks quiet hours)', () => {
    const prefs = parsePreferences('p', {
      channels: [{ category: 'update', email: false, inApp: true }],
      quietHours: { startMinute: 1320, endMinute: 420, days: ['sat', 'sun', 'sat'], timeZone: 'Europe/Zurich' },
      digests: [{ category: 'comment', frequency: 'daily', atMinute: 480 }],
    });
    expect(channelEnabled(prefs, 'update', 'email')).toBe(false);
    expect(channelEnabled(prefs, 'update', 'in_app')).toBe(true);
    expect(channelEnabled(prefs, 'assignment', 'email')).toBe(true);
    expect(digestFor(prefs, 'comment')).toEqual({ frequency: 'daily', atMinute: 480 });
    expect(digestFor(prefs, 'update')).toEqual({ frequency: 'off' });
    expect(prefs.quietHours?.days).toEqual(['sat', 'sun']);
    expect(prefs.urgentBreaksQuietHours).toBe(true);
  });

  it('refuses with the field named', () => {
    expect(refusal({ ...base, channels: [{ category: 'bogus', email: true, inApp: true }] })).toBe('channels[0].category');
    expect(refusal({ ...base, channels: [{ category: 'sla', email: true, inApp: true }, { category: 'sla', email: false, inApp: true }] })).toBe('channels[1].category');
    expect(refusal({ ...base, quietHours: { startMinute: 600, endMinute: 600 } })).toBe('quietHours.endMinute');
    expect(refusal({ ...base, quietHours: { startMinute: 1440, endMinute: 60 } })).toBe('quietHours.startMinute');
    expect(refusal({ ...base, quietHours: { startMinute: 60, endMinute: 120, timeZone: 'Mars/Olympus' } })).toBe('quietHours.timeZone');
    expect(refusal({ ...base, quietHours: { startMinute: 60, endMinute: 120, days: ['someday'] } })).toBe('quietHours.days');
    expect(refusal({ ...base, digests: [{ category: 'comment', frequency: 'daily' }] })).toBe('digests[0].atMinute');
    expect(refusal({ ...base, digests: [{ category: 'comment', frequency: 'weekly' }] })).toBe('digests[0].frequency');
    expect(refusal({ ...base, digests: [{ category: 'on_call', frequency: 'hourly' }] })).toBe('digests[0].category');
  });
});
