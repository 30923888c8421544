import type { PersonInput } from '../application/directory-inputs';
import type { Contact, Person } from '../domain';
import { ScimError } from './scim.errors';
import { isScimObject, optionalBoolean, optionalList, optionalText, readAttributes, requiredText, requireObject, valueOf } from './scim-json';
import type { ScimJson } from './scim-json';
import { findAttribute, findSchema, SCIM_ENTERPRISE_USER_SCHEMA, SCIM_USER_SCHEMA, SCIM_USER_SCHEMAS } from './scim-schemas';
import type { ScimAttribute } from './scim-schemas';
import { scimMeta } from './scim-meta';

/*
 * A person as a SCIM User (core schema and the enterprise extension) and back. What SCIM does not
 * manage (chat handle, organisation, roles) comes from the person as it is (`PersonKeptFacts`).
 */

/** A person's attributes SCIM does not carry: kept from the stored person, or the defaults of a new one. */
export type PersonKeptFacts = Pick<PersonInput, 'chatHandle' | 'organisationId' | 'roles'>;

export function toScimUser(person: Person, baseUrl: string): ScimJson {
  const enterprise = {
    ...(person.employeeNumber === null ? {} : { employeeNumber: person.employeeNumber }),
    ...(person.department === null ? {} : { department: person.department }),
    ...(person.managerId === null ? {} : { manager: { value: person.managerId, $ref: `${baseUrl}/Users/${person.managerId}` } }),
  };
  const hasEnterprise = Object.keys(enterprise).length > 0;
  return {
    schemas: hasEnterprise ? [SCIM_USER_SCHEMA, SCIM_ENTERPRISE_USER_SCHEMA] : [SCIM_USER_SCHEMA],
    id: person.id,
    ...(person.externalId === null ? {} : { externalId: person.externalId }),
    userName: person.userName,
    name: { formatted: person.displayName },
    displayName: person.displayName,
    ...(person.title === null ? {} : { title: person.title }),
    ...(person.locale === null ? {} : { locale: person.locale }),
    ...(person.timeZone === null ? {} : { timezone: person.timeZone }),
    active: person.active,
    ...(person.emails.length === 0 ? {} : { emails: person.emails.map(toScimContact) }),
    ...(person.phones.length === 0 ? {} : { phoneNumbers: person.phones.map(toScimContact) }),
    ...(hasEnterprise ? { [SCIM_ENTERPRISE_USER_SCHEMA]: enterprise } : {}),
    meta: scimMeta('User', person, `${baseUrl}/Users/${person.id}`),
  };
}

function toScimContact(contact: Contact): ScimJson {
  return { value: contact.value, ...(contact.type === null ? {} : { type: contact.type }), primary: contact.primary };
}

/**
 * A SCIM User body (POST, PUT, or the resource a PATCH produced) as the person's attributes.
 * Refuses a body that is not a User (400 invalidSyntax), an unknown attribute or a value of the
 * wrong type (400 invalidValue); drops readOnly attributes and core attributes the directory does
 * not keep. The directory's own rules (lengths, time zones, ...) run in the handlers.
 */
export function personInputFromScim(body: unknown, kept: PersonKeptFacts): PersonInput {
  const user = requireObject(body, 'A User');
  requireSchemas(valueOf(user, 'schemas'));
  const core = readAttributes(user, SCIM_USER_SCHEMAS.core.attributes, 'the User', (key) => key.toLowerCase() === 'schemas' || /^urn:/i.test(key));
  const enterprise = readEnterprise(user);
  const userName = requiredText(core.get('userName'), 'userName');
  const name = core.get('name');
  return {
    userName,
    displayName: displayNameOf(core.get('displayName'), name, userName),
    emails: contacts(core.get('emails'), 'emails'),
    phones: contacts(core.get('phoneNumbers'), 'phoneNumbers'),
    chatHandle: kept.chatHandle,
    timeZone: optionalText(core.get('timezone'), 'timezone'),
    locale: optionalText(core.get('locale'), 'locale'),
    title: optionalText(core.get('title'), 'title'),
    department: optionalText(enterprise.get('department'), 'department'),
    employeeNumber: optionalText(enterprise.get('employeeNumber'), 'employeeNumber'),
    managerId: managerOf(enterprise.get('manager')),
    organisationId: kept.organisationId,
    roles: kept.roles,
    active: optionalBoolean(core.get('active'), 'active', true),
    externalId: optionalText(core.get('externalId'), 'externalId'),
  };
}

/** `schemas` must name the core User schema; every URN it names must be one this provider knows. */
function requireSchemas(schemas: unknown): void {
  if (!Array.isArray(schemas) || !schemas.every((urn): urn is string => typeof urn === 'string')) {
    throw ScimError.badRequest('invalidSyntax', '"schemas" must list the resource\'s schema URNs.');
  }
  if (!schemas.some((urn) => urn.toLowerCase() === SCIM_USER_SCHEMA.toLowerCase())) {
    throw ScimError.badRequest('invalidSyntax', `"schemas" must name ${SCIM_USER_SCHEMA}.`);
  }
  const unknown = schemas.find((urn) => findSchema(SCIM_USER_SCHEMAS, urn) === undefined);
  if (unknown !== undefined) throw ScimError.badRequest('invalidValue', `Unknown schema "${unknown}".`);
}

/** The enterprise extension's attributes; any other URN-named key is refused. */
function readEnterprise(user: ScimJson): Map<string, unknown> {
  const read = new Map<string, unknown>();
  for (const [key, value] of Object.entries(user)) {
    if (!/^urn:/i.test(key)) continue;
    const schema = findSchema(SCIM_USER_SCHEMAS, key);
    if (schema === undefined || schema === SCIM_USER_SCHEMAS.core) throw ScimError.badRequest('invalidValue', `Unknown schema extension "${key}".`);
    if (value === null) continue;
    for (const [name, attribute] of readAttributes(requireObject(value, key, 'invalidValue'), schema.attributes, key)) read.set(name, attribute);
  }
  return read;
}

/** displayName, else name.formatted, else given and family name, else the user name. */
function displayNameOf(displayName: unknown, name: unknown, userName: string): string {
  const explicit = optionalText(displayName, 'displayName');
  if (explicit !== null) return explicit;
  if (name === undefined || name === null) return userName;
  const parts = requireObject(name, '"name"', 'invalidValue');
  const part = (sub: string): string | null => optionalText(valueOf(parts, sub), `name.${sub}`);
  const formatted = part('formatted');
  if (formatted !== null) return formatted;
  const joined = [part('givenName'), part('familyName')].filter((text): text is string => text !== null).join(' ');
  return joined === '' ? userName : joined;
}

function contacts(value: unknown, name: string): readonly Contact[] {
  const subAttributes = subAttributesOf(name);
  return optionalList(value, name).map((item, index) => {
    const where = `${name}[${index}]`;
    const contact = readAttributes(requireObject(item, where, 'invalidValue'), subAttributes, where);
    return {
      value: requiredText(contact.get('value'), `${where}.value`),
      type: optionalText(contact.get('type'), `${where}.type`),
      primary: optionalBoolean(contact.get('primary'), `${where}.primary`, false),
    };
  });
}

function subAttributesOf(name: string): readonly ScimAttribute[] {
  return findAttribute(SCIM_USER_SCHEMAS.core.attributes, name)?.subAttributes ?? [];
}

/** The manager's person id: `{ "value": id }`, or the bare id Microsoft Entra ID sends on a PATCH; null clears it. */
function managerOf(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return value;
  if (isScimObject(value)) {
    const manager = findAttribute(SCIM_USER_SCHEMAS.extensions[0]?.attributes ?? [], 'manager');
    const read = readAttributes(value, manager?.subAttributes ?? [], 'manager');
    return optionalText(read.get('value'), 'manager.value');
  }
  throw ScimError.badRequest('invalidValue', '"manager" must be a person id or { "value": <person id> }.');
}
