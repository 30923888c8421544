import { DirectoryErrorCode } from './directory.errors';
import { bcp47Locale, ianaTimeZone, normalisePerson, userNameKey } from './person-rules';
import type { PersonAttributes } from './person-rules';
import { thrown } from './test-fixtures/thrown';

const base: PersonAttributes = {
  userName: 'jane.doe@fabrikam.example',
  displayName: 'Jane Doe',
  emails: [{ value: 'jane.doe@fabrikam.example', type: 'work', primary: true }],
  phones: [{ value: '+49 30 1234', type: 'mobile', primary: false }],
  chatHandle: null,
  timeZone: 'Europe/Berlin',
  locale: 'de-DE',
  title: null,
  department: null,
  employeeNumber: null,
  managerId: null,
  organisationId: 'fabrikam',
  roles: ['requester'],
  active: true,
  externalId: 'entra-1',
};

describe('normalisePerson', () => {
  it('keeps a valid person, trimming text, canonicalising zone and locale and listing roles once', () => {
    const person = normalisePerson({ ...base, displayName: '  Jane Doe ', timeZone: 'europe/berlin', locale: 'en-gb', roles: ['agent', 'agent', 'change-manager'], title: '  ', department: ' Sales ' });
    expect(person).toMatchObject({ displayName: 'Jane Doe', timeZone: 'Europe/Berlin', locale: 'en-GB', roles: ['agent', 'change-manager'], title: null, department: 'Sales' });
  });

  it.each([
    ['userName', { userName: '' }],
    ['userName', { userName: 'x'.repeat(255) }],
    ['userName', { userName: 'bad\u0007name' }],
    ['displayName', { displayName: '   ' }],
    ['emails', { emails: [{ value: 'not-an-address', type: null, primary: false }] }],
    ['emails', { emails: [{ value: 'a@b.example', type: null, primary: true }, { value: 'c@d.example', type: null, primary: true }] }],
    ['phones', { phones: [{ value: '1', type: null, primary: true }, { value: '2', type: null, primary: true }] }],
    ['timeZone', { timeZone: 'Mars/Olympus_Mons' }],
    ['timeZone', { timeZone: 'Europe/Berlin; DROP' }],
    ['locale', { locale: 'not a locale' }],
    ['roles', { roles: ['Agent'] }],
    ['roles', { roles: Array.from({ length: 21 }, (_, i) => `role-${String.fromCharCode(97 + i)}`) }],
    ['organisationId', { organisationId: 'Fabrikam Inc' }],
    ['managerId', { managerId: 'has space' }],
  ] as const)('refuses a bad %s with DIRECTORY.INVALID_INPUT', (field, change) => {
    const error = thrown(() => normalisePerson({ ...base, ...change }));
    expect(error).toMatchObject({ code: DirectoryErrorCode.InvalidInput, details: { field } });
  });

  it('refuses a person as its own manager', () => {
    expect(thrown(() => normalisePerson({ ...base, managerId: 'p-1' }, 'p-1')).details).toEqual({ field: 'managerId' });
    expect(normalisePerson({ ...base, managerId: 'p-2' }, 'p-1').managerId).toBe('p-2');
  });
});

describe('time zones, locales and keys', () => {
  it('checks time zones against the zone data', () => {
    expect(ianaTimeZone('America/New_York')).toBe('America/New_York');
    expect(ianaTimeZone('UTC')).toBe('UTC');
    expect(thrown(() => ianaTimeZone('America/Springfield')).code).toBe(DirectoryErrorCode.InvalidInput);
  });

  it('canonicalises BCP 47 tags and refuses others', () => {
    expect(bcp47Locale('de-ch')).toBe('de-CH');
    expect(bcp47Locale('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(thrown(() => bcp47Locale('en_US')).details).toEqual({ field: 'locale' });
  });

  it('compares userNames case-insensitively', () => {
    expect(userNameKey('Jane.Doe@Fabrikam.example')).toBe(userNameKey('jane.doe@fabrikam.EXAMPLE'));
  });
});
