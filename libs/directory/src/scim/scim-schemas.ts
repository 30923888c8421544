/*
 * The SCIM 2.0 schemas this service provider speaks (RFC 7643 §4, §8.7.1), written once: the
 * `Schemas` discovery document is derived from them, and so are the attribute names a body, a
 * PATCH path or a filter may use (case-insensitively, RFC 7643 §2.1). Attributes marked `kept:
 * false` are core attributes the directory accepts and ignores (an IdP's default mappings send
 * them: name.givenName, addresses, preferredLanguage, ...); they are not advertised.
 */

export const SCIM_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const SCIM_ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const SCIM_LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SCIM_SERVICE_PROVIDER_CONFIG_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
export const SCIM_RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const SCIM_SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

export type ScimAttributeType = 'string' | 'boolean' | 'complex' | 'reference' | 'dateTime';
export type ScimMutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';

export interface ScimAttribute {
  readonly name: string;
  readonly type: ScimAttributeType;
  readonly description: string;
  readonly multiValued?: boolean;
  readonly required?: boolean;
  readonly caseExact?: boolean;
  readonly mutability?: ScimMutability;
  readonly returned?: 'always' | 'default' | 'never' | 'request';
  readonly uniqueness?: 'none' | 'server' | 'global';
  readonly referenceTypes?: readonly string[];
  readonly subAttributes?: readonly ScimAttribute[];
  /** False: accepted in bodies and PATCH paths, not stored, not advertised. */
  readonly kept?: false;
}

export interface ScimSchema {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly ScimAttribute[];
}

const text = (name: string, description: string, more: Partial<ScimAttribute> = {}): ScimAttribute => ({ name, type: 'string', description, ...more });
const ignored = (name: string, type: ScimAttributeType = 'string', multiValued = false): ScimAttribute => ({
  name,
  type,
  description: 'Accepted and ignored.',
  multiValued,
  kept: false,
});

/** value/type/primary/display of emails and phoneNumbers. */
const contactAttributes = (what: string): readonly ScimAttribute[] => [
  text('value', `The ${what}.`),
  text('type', 'work, home, mobile, other, ... as the identity provider labels it.'),
  { name: 'primary', type: 'boolean', description: `The preferred ${what}; at most one.` },
  ignored('display'),
];

export const SCIM_ID_ATTRIBUTE: ScimAttribute = text('id', "The directory's stable id.", {
  caseExact: true,
  mutability: 'readOnly',
  returned: 'always',
  uniqueness: 'server',
});
const externalId = text('externalId', "The identity provider's id.", { caseExact: true });
const meta: ScimAttribute = {
  name: 'meta',
  type: 'complex',
  description: 'resourceType, created, lastModified, location, version.',
  mutability: 'readOnly',
  subAttributes: [
    text('resourceType', 'User or Group.', { mutability: 'readOnly' }),
    { name: 'created', type: 'dateTime', description: 'When it was created.', mutability: 'readOnly' },
    { name: 'lastModified', type: 'dateTime', description: 'When it last changed.', mutability: 'readOnly' },
    { name: 'location', type: 'reference', description: 'Its URI.', mutability: 'readOnly', referenceTypes: ['uri'] },
    text('version', 'Its weak ETag.', { mutability: 'readOnly' }),
  ],
};

export const SCIM_USER_SCHEMA_DEFINITION: ScimSchema = {
  id: SCIM_USER_SCHEMA,
  name: 'User',
  description: 'A person of the directory.',
  attributes: [
    SCIM_ID_ATTRIBUTE,
    externalId,
    meta,
    text('userName', 'Unique (case-insensitively); a token subject names the person by it.', { required: true, uniqueness: 'server' }),
    {
      name: 'name',
      type: 'complex',
      description: "The person's name; formatted is the display name.",
      subAttributes: [
        text('formatted', 'The full name (the display name).'),
        ignored('givenName'),
        ignored('familyName'),
        ignored('middleName'),
        ignored('honorificPrefix'),
        ignored('honorificSuffix'),
      ],
    },
    text('displayName', 'The name shown to people; defaults to name.formatted, then given and family name, then userName.'),
    text('title', 'Job title.'),
    text('locale', 'BCP 47 language tag (en-GB).'),
    text('timezone', 'IANA time zone (Europe/Zurich).'),
    { name: 'active', type: 'boolean', description: 'False: out of routing, assignment and approvals.' },
    { name: 'emails', type: 'complex', multiValued: true, description: 'Email addresses (at most 10).', subAttributes: contactAttributes('email address') },
    { name: 'phoneNumbers', type: 'complex', multiValued: true, description: 'Phone numbers (at most 10).', subAttributes: contactAttributes('phone number') },
    ignored('nickName'),
    ignored('profileUrl', 'reference'),
    ignored('userType'),
    ignored('preferredLanguage'),
    ignored('password'),
    ignored('addresses', 'complex', true),
    ignored('ims', 'complex', true),
    ignored('photos', 'complex', true),
    ignored('entitlements', 'complex', true),
    ignored('roles', 'complex', true),
    ignored('x509Certificates', 'complex', true),
    { ...ignored('groups', 'complex', true), mutability: 'readOnly' },
  ],
};

export const SCIM_ENTERPRISE_USER_SCHEMA_DEFINITION: ScimSchema = {
  id: SCIM_ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise user: manager, department, employee number.',
  attributes: [
    text('employeeNumber', 'The organisation-assigned number.'),
    text('department', 'The department.'),
    {
      name: 'manager',
      type: 'complex',
      description: "The person's manager.",
      subAttributes: [
        { name: 'value', type: 'string', description: "The manager's id in this directory.", caseExact: true },
        { ...ignored('$ref', 'reference'), mutability: 'readOnly' },
        { ...ignored('displayName'), mutability: 'readOnly' },
      ],
    },
    ignored('costCenter'),
    ignored('organization'),
    ignored('division'),
  ],
};

export const SCIM_GROUP_SCHEMA_DEFINITION: ScimSchema = {
  id: SCIM_GROUP_SCHEMA,
  name: 'Group',
  description: 'A group of people (assignment, approval, CAB, on-call).',
  attributes: [
    SCIM_ID_ATTRIBUTE,
    externalId,
    meta,
    text('displayName', "The group's name.", { required: true }),
    {
      name: 'members',
      type: 'complex',
      multiValued: true,
      description: 'People of the group (person ids); changed by PATCH add/remove without restating the rest.',
      subAttributes: [
        { name: 'value', type: 'string', description: "A member's person id.", caseExact: true, mutability: 'immutable' },
        { ...ignored('$ref', 'reference'), mutability: 'immutable' },
        { ...ignored('display'), mutability: 'readOnly' },
        text('type', 'User (groups of groups are not supported).', { mutability: 'immutable' }),
      ],
    },
  ],
};

/** The resource types' schemas: the User's core schema with its extension, the Group's. */
export interface ScimResourceSchemas {
  readonly core: ScimSchema;
  readonly extensions: readonly ScimSchema[];
}

export const SCIM_USER_SCHEMAS: ScimResourceSchemas = { core: SCIM_USER_SCHEMA_DEFINITION, extensions: [SCIM_ENTERPRISE_USER_SCHEMA_DEFINITION] };
export const SCIM_GROUP_SCHEMAS: ScimResourceSchemas = { core: SCIM_GROUP_SCHEMA_DEFINITION, extensions: [] };

/** The attribute of `attributes` named `name`, case-insensitively. */
export function findAttribute(attributes: readonly ScimAttribute[], name: string): ScimAttribute | undefined {
  const wanted = name.toLowerCase();
  return attributes.find((attribute) => attribute.name.toLowerCase() === wanted);
}

/** The schema whose URN is `urn` (case-insensitively). */
export function findSchema(schemas: ScimResourceSchemas, urn: string): ScimSchema | undefined {
  const wanted = urn.toLowerCase();
  return [schemas.core, ...schemas.extensions].find((schema) => schema.id.toLowerCase() === wanted);
}
