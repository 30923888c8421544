import type { AttributeDefinition, CiClass, DiscoverySource, IdentificationRule } from './ci-class';
import type { RelationshipRule, RelationshipType } from './relationship-type';
import { OPERATIONAL_STATUSES } from './ci';

function attr(name: string, label: string, type: AttributeDefinition['type'], extra: Partial<Omit<AttributeDefinition, 'name' | 'label' | 'type'>> = {}): AttributeDefinition {
  return { name, label, type, required: false, ...extra };
}

function coreClass(id: string, label: string, parentId: string | null, attributes: readonly AttributeDefinition[], identificationRules: readonly IdentificationRule[] = [], abstract = false): CiClass {
  return { id, label, parentId, abstract, attributes, identificationRules, builtIn: true, version: 1 };
}

const ipAddress = attr('ip_address', 'IP address', 'ip_address');
const fqdn = attr('fqdn', 'Fully qualified domain name', 'string', { maxLength: 253 });
const os = attr('os', 'Operating system', 'string', { maxLength: 120 });
const cpuCount = attr('cpu_count', 'CPU cores', 'integer', { min: 1, max: 4096 });
const memoryGb = attr('memory_gb', 'Memory (GB)', 'number', { min: 0, max: 1_000_000 });

/** The class library every CMDB starts with; admins add classes and attributes as data. */
export const CORE_CLASSES: readonly CiClass[] = [
  coreClass(
    'ci',
    'Configuration item',
    null,
    [
      attr('name', 'Name', 'string', { required: true, maxLength: 200 }),
      attr('description', 'Description', 'text'),
      attr('operational_status', 'Operational status', 'enum', { values: OPERATIONAL_STATUSES }),
      attr('environment', 'Environment', 'enum', { values: ['production', 'staging', 'test', 'development'] }),
      attr('owner_group', 'Support group', 'string', { maxLength: 64 }),
      attr('supplier_org', 'Supplier organisation', 'string', { maxLength: 64 }),
    ],
    [{ attributes: ['name'], perClass: true }],
    true,
  ),
  coreClass('service', 'Service', 'ci', [attr('service_owner', 'Service owner', 'string', { maxLength: 64 }), attr('criticality', 'Business criticality', 'enum', { values: ['critical', 'high', 'medium', 'low'] })], [], true),
  coreClass('business_service', 'Business service', 'service', []),
  coreClass('service_offering', 'Service offering', 'service', [attr('service_level', 'Service level', 'string', { maxLength: 80 })]),
  coreClass('application_service', 'Application service', 'service', [attr('version', 'Version', 'string', { maxLength: 40 })]),
  coreClass('application', 'Application', 'ci', [attr('vendor', 'Vendor', 'string', { maxLength: 120 }), attr('version', 'Version', 'string', { maxLength: 40 })]),
  coreClass('database', 'Database', 'ci', [
    attr('engine', 'Engine', 'enum', { values: ['postgresql', 'mysql', 'oracle', 'sql_server', 'mongodb', 'other'] }),
    attr('version', 'Version', 'string', { maxLength: 40 }),
    attr('port', 'Port', 'integer', { min: 1, max: 65_535 }),
  ]),
  coreClass(
    'hardware',
    'Hardware',
    'ci',
    [attr('serial_number', 'Serial number', 'string', { maxLength: 100 }), attr('asset_tag', 'Asset tag', 'string', { maxLength: 64 }), attr('manufacturer', 'Manufacturer', 'string', { maxLength: 120 }), attr('model', 'Model', 'string', { maxLength: 120 })],
    [
      { attributes: ['serial_number'], perClass: false },
      { attributes: ['asset_tag'], perClass: false },
    ],
    true,
  ),
  coreClass('server', 'Server', 'hardware', [ipAddress, fqdn, os, cpuCount, memoryGb], [{ attributes: ['fqdn'], perClass: true }]),
  coreClass('network_device', 'Network device', 'hardware', [
    ipAddress,
    attr('device_role', 'Role', 'enum', { values: ['core', 'distribution', 'access', 'firewall', 'router', 'load_balancer', 'wireless'] }),
    attr('port_count', 'Ports', 'integer', { min: 0, max: 100_000 }),
  ]),
  coreClass('virtual_machine', 'Virtual machine', 'ci', [attr('vm_uuid', 'VM UUID', 'string', { maxLength: 64 }), ipAddress, fqdn, os, cpuCount, memoryGb], [
    { attributes: ['vm_uuid'], perClass: true },
    { attributes: ['fqdn'], perClass: true },
  ]),
  coreClass('container', 'Container', 'ci', [attr('container_id', 'Container id', 'string', { maxLength: 128 }), attr('image', 'Image', 'string', { maxLength: 255 })], [{ attributes: ['container_id'], perClass: true }]),
  coreClass('cluster', 'Cluster', 'ci', [
    attr('cluster_type', 'Cluster type', 'enum', { values: ['compute', 'database', 'kubernetes', 'network', 'storage', 'application'] }),
    attr('redundancy_min_available', 'Members needed (count)', 'integer', { min: 0, max: 100_000 }),
    attr('redundancy_min_available_percent', 'Members needed (%)', 'number', { min: 0, max: 100 }),
  ]),
  coreClass('cloud_resource', 'Cloud resource', 'ci', [
    attr('provider', 'Provider', 'enum', { values: ['aws', 'azure', 'gcp', 'oracle', 'other'] }),
    attr('resource_id', 'Provider resource id', 'string', { maxLength: 255 }),
    attr('resource_type', 'Resource type', 'string', { maxLength: 120 }),
    attr('region', 'Region', 'string', { maxLength: 64 }),
  ], [{ attributes: ['resource_id'], perClass: false }]),
  coreClass('location', 'Location', 'ci', [
    attr('time_zone', 'Time zone', 'time_zone'),
    attr('site_code', 'Site code', 'string', { maxLength: 32 }),
    attr('country', 'Country', 'string', { maxLength: 80 }),
    attr('city', 'City', 'string', { maxLength: 120 }),
    attr('address', 'Address', 'text'),
  ], [{ attributes: ['site_code'], perClass: true }]),
];

function pairs(sources: readonly string[], targets: readonly string[]): RelationshipRule[] {
  return sources.flatMap((sourceClassId) => targets.map((targetClassId) => ({ sourceClassId, targetClassId })));
}

function coreType(id: string, name: string, inverseName: string, propagation: RelationshipType['propagation'], rules: readonly RelationshipRule[], membership = false): RelationshipType {
  return { id, name, inverseName, propagation, membership, rules, builtIn: true, version: 1 };
}

const infrastructure = ['server', 'virtual_machine', 'container', 'cluster', 'cloud_resource', 'network_device'];

/** The typed relationships every CMDB starts with, each with the classes it may join. */
export const CORE_RELATIONSHIP_TYPES: readonly RelationshipType[] = [
  coreType('depends_on', 'depends on', 'used by', 'target_to_source', [
    ...pairs(['business_service'], ['business_service', 'service_offering']),
    ...pairs(['service_offering'], ['application_service']),
    ...pairs(['application_service'], ['application_service', 'application', 'database', ...infrastructure]),
    ...pairs(['application', 'database'], ['application', 'database', 'application_service', 'cloud_resource', 'cluster']),
  ]),
  coreType('runs_on', 'runs on', 'runs', 'target_to_source', pairs(['application', 'database', 'container'], ['server', 'virtual_machine', 'container', 'cluster', 'cloud_resource'])),
  coreType('hosted_on', 'hosted on', 'hosts', 'target_to_source', pairs(['virtual_machine', 'cloud_resource'], ['server', 'cluster', 'cloud_resource'])),
  coreType('contains', 'contains', 'contained by', 'source_to_target', [...pairs(['location'], ['location', 'hardware']), ...pairs(['hardware'], ['hardware'])]),
  coreType('connects_to', 'connects to', 'connected from', 'target_to_source', pairs(['hardware', 'virtual_machine', 'cloud_resource'], ['network_device'])),
  coreType('member_of', 'member of', 'has member', 'source_to_target', pairs(['server', 'virtual_machine', 'container', 'database', 'application', 'network_device', 'cloud_resource', 'application_service'], ['cluster']), true),
];

/** People editing in the UI or through the API, and generic imports. Admins add discovery tools and suppliers' feeds. */
export const CORE_SOURCES: readonly DiscoverySource[] = [
  { id: 'manual', label: 'Manual entry', precedence: 100, attributePrecedence: {}, mayCreate: true, verificationKeys: [], builtIn: true, version: 1 },
  { id: 'import', label: 'Bulk import', precedence: 10, attributePrecedence: {}, mayCreate: true, verificationKeys: [], builtIn: true, version: 1 },
];
