import type { ScimJson } from './scim-json';
import { SCIM_MAX_COUNT } from './scim-list';
import {
  SCIM_ENTERPRISE_USER_SCHEMA,
  SCIM_ENTERPRISE_USER_SCHEMA_DEFINITION,
  SCIM_GROUP_SCHEMA,
  SCIM_GROUP_SCHEMA_DEFINITION,
  SCIM_RESOURCE_TYPE_SCHEMA,
  SCIM_SCHEMA_SCHEMA,
  SCIM_SERVICE_PROVIDER_CONFIG_SCHEMA,
  SCIM_USER_SCHEMA,
  SCIM_USER_SCHEMA_DEFINITION,
} from './scim-schemas';
import type { ScimAttribute, ScimSchema } from './scim-schemas';

/* The discovery documents of RFC 7644 §4 (ServiceProviderConfig, ResourceTypes, Schemas), derived from the schemas. */

export function serviceProviderConfig(baseUrl: string): ScimJson {
  return {
    schemas: [SCIM_SERVICE_PROVIDER_CONFIG_SCHEMA],
    documentationUri: 'https://datatracker.ietf.org/doc/html/rfc7644',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: SCIM_MAX_COUNT },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Provisioning token',
        description: 'A bearer token an administrator issues per provisioning client (stored hashed, revocable).',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypes(baseUrl: string): readonly ScimJson[] {
  return [
    {
      schemas: [SCIM_RESOURCE_TYPE_SCHEMA],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'People of the directory',
      schema: SCIM_USER_SCHEMA,
      schemaExtensions: [{ schema: SCIM_ENTERPRISE_USER_SCHEMA, required: false }],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: [SCIM_RESOURCE_TYPE_SCHEMA],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Groups of people',
      schema: SCIM_GROUP_SCHEMA,
      schemaExtensions: [],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
}

export function schemaDocuments(baseUrl: string): readonly ScimJson[] {
  return [SCIM_USER_SCHEMA_DEFINITION, SCIM_ENTERPRISE_USER_SCHEMA_DEFINITION, SCIM_GROUP_SCHEMA_DEFINITION].map((schema) => schemaDocument(schema, baseUrl));
}

function schemaDocument(schema: ScimSchema, baseUrl: string): ScimJson {
  return {
    schemas: [SCIM_SCHEMA_SCHEMA],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: advertised(schema.attributes),
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${schema.id}` },
  };
}

/** The attributes the directory keeps, with RFC 7643 §7's defaults spelled out. */
function advertised(attributes: readonly ScimAttribute[]): ScimJson[] {
  return attributes
    .filter((attribute) => attribute.kept !== false)
    .map((attribute) => ({
      name: attribute.name,
      type: attribute.type,
      multiValued: attribute.multiValued ?? false,
      description: attribute.description,
      required: attribute.required ?? false,
      ...(attribute.type === 'string' || attribute.type === 'reference' ? { caseExact: attribute.caseExact ?? false } : {}),
      mutability: attribute.mutability ?? 'readWrite',
      returned: attribute.returned ?? 'default',
      uniqueness: attribute.uniqueness ?? 'none',
      ...(attribute.referenceTypes ? { referenceTypes: attribute.referenceTypes } : {}),
      ...(attribute.subAttributes ? { subAttributes: advertised(attribute.subAttributes) } : {}),
    }));
}
