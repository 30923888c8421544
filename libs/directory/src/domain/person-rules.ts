import { ENTITY_ID, MAX_ROLES, REFERENCE_KEY, ROLE_NAME } from './directory-keys';
import { invalidInput, normaliseRoles, optionalKey, optionalText, requiredText } from './directory-text';
import type { Contact, Person } from './directory.model';

/** A person's attributes as a writer states them (the directory keeps id, times and version). */
export type PersonAttributes = Omit<Person, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

const MAX_CONTACTS = 10;
/** One `@`, something on both sides, a dot in the domain, no spaces: the shape, not deliverability. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
/** The contract's time zone and locale shapes (what a consumer may rely on after the checks below). */
const TIME_ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;
const LOCALE_SHAPE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** The zone's canonical IANA name (Intl knows the zone data), or DIRECTORY.INVALID_INPUT. */
export function ianaTimeZone(value: string): string {
  if (value.length > 64 || !TIME_ZONE_SHAPE.test(value)) throw invalidInput('timeZone', `"${value}" is not an IANA time zone name`);
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    throw invalidInput('timeZone', `"${value}" is not an IANA time zone`);
  }
}

/** The canonical BCP 47 tag (en-gb -> en-GB), or DIRECTORY.INVALID_INPUT. */
export function bcp47Locale(value: string): string {
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(value)[0];
  } catch {
    canonical = undefined;
  }
  if (canonical === undefined || canonical.length > 35 || !LOCALE_SHAPE.test(canonical)) throw invalidInput('locale', `"${value}" is not a BCP 47 language tag (en, en-GB, de-CH)`);
  return canonical;
}

function contacts(list: readonly Contact[], field: 'emails' | 'phones'): Contact[] {
  if (list.length > MAX_CONTACTS) throw invalidInput(field, `at most ${MAX_CONTACTS} ${field}`);
  const out = list.map((contact) => {
    const value = requiredText(contact.value, field, 254);
    if (field === 'emails' && !EMAIL.test(value)) throw invalidInput(field, `"${value}" is not an email address`);
    return { value, type: optionalText(contact.type, `${field}.type`, 32), primary: contact.primary };
  });
  if (out.filter((contact) => contact.primary).length > 1) throw invalidInput(field, `at most one of the ${field} is primary`);
  return out;
}

/**
 * A person's attributes checked and normalised (trimmed text, canonical time zone and locale, roles
 * once each), or DIRECTORY.INVALID_INPUT naming the first field that breaks a rule. `id`: the
 * person's own id when known (a manager is never the person itself).
 */
export function normalisePerson(input: PersonAttributes, id?: string): PersonAttributes {
  const userName = requiredText(input.userName, 'userName', 254);
  const managerId = optionalKey(input.managerId, 'managerId', ENTITY_ID, 'a person id');
  if (managerId !== null && managerId === id) throw invalidInput('managerId', 'a person is not their own manager');
  return {
    userName,
    displayName: requiredText(input.displayName, 'displayName', 200),
    emails: contacts(input.emails, 'emails'),
    phones: contacts(input.phones, 'phones'),
    chatHandle: optionalText(input.chatHandle, 'chatHandle', 254),
    timeZone: input.timeZone === null || input.timeZone.trim() === '' ? null : ianaTimeZone(input.timeZone.trim()),
    locale: input.locale === null || input.locale.trim() === '' ? null : bcp47Locale(input.locale.trim()),
    title: optionalText(input.title, 'title', 200),
    department: optionalText(input.department, 'department', 200),
    employeeNumber: optionalText(input.employeeNumber, 'employeeNumber', 64),
    managerId,
    organisationId: optionalKey(input.organisationId, 'organisationId', REFERENCE_KEY, 'an organisation id'),
    roles: normaliseRoles(input.roles, 'roles', ROLE_NAME, MAX_ROLES),
    active: input.active,
    externalId: optionalText(input.externalId, 'externalId', 254),
  };
}

/** The key a userName is unique by (case-insensitive). */
export function userNameKey(userName: string): string {
  return userName.toLowerCase();
}
