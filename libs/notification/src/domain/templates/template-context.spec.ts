import { formatDateTime } from './template-context';

describe('formatDateTime', () => {
  const at = '2026-12-03T12:33:00.000Z';

  it('formats in each asked zone and locale, also after the same pair was formatted before', () => {
    const berlin = formatDateTime(at, 'en-GB', 'Europe/Berlin');
    const tokyo = formatDateTime(at, 'en-GB', 'Asia/Tokyo');
    expect(berlin).toContain('13:33');
    expect(tokyo).toContain('21:33');
    expect(formatDateTime(at, 'de-DE', 'Europe/Berlin')).toContain('Dez');
    expect(formatDateTime(at, 'en-GB', 'Europe/Berlin')).toBe(berlin);
  });

  it('falls back to English in UTC for a zone Intl does not know, every time', () => {
    expect(formatDateTime(at, 'en-GB', 'Mars/Olympus')).toBe(formatDateTime(at, 'en', 'UTC'));
    expect(formatDateTime(at, 'en-GB', 'Mars/Olympus')).toContain('12:33');
  });

  it('leaves text that is no date as it is', () => {
    expect(formatDateTime('soon', 'en', 'UTC')).toBe('soon');
  });
});
