import type { INestApplication } from '@nestjs/common';
import {
  AddRelationshipCommand,
  AddRelationshipHandler,
  ReportDiscoveredCiCommand,
  ReportDiscoveredCiHandler,
  SaveDiscoverySourceCommand,
  SaveDiscoverySourceHandler,
} from '../application/commands';
import { CmdbDataModelService } from '../application/cmdb-data-model.service';
import { ConfigurationItemsHandler, ConfigurationItemsQuery } from '../application/queries';
import type { Attributes } from '../domain';

/** Demo CI names other demo data may refer to (incidents), with their ids once seeded. */
export type DemoCiIds = ReadonlyMap<string, string>;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A demo CMDB of a few hundred CIs loaded through the same use cases as the API (so it emits the
 * same events and fills the index): two data centres, a core/distribution/access network, servers,
 * a 4-host virtualisation cluster (needs 3), VMs, a 3-node database cluster (needs 2), containers,
 * applications, application services, offerings and four business services, plus the discovery
 * sources of the demo (SCCM may create, a network scanner owns IP addresses, a supplier feed may
 * only update). Skipped when CIs exist. Answers the ids by name.
 */
export async function seedDemoCmdb(app: INestApplication): Promise<DemoCiIds> {
  const existing = await app.get(ConfigurationItemsHandler).execute(new ConfigurationItemsQuery({}, 500, undefined));
  if (existing.items.length > 0) return new Map(existing.items.map((ci) => [ci.name, ci.id]));
  const dataModel = app.get(CmdbDataModelService);
  const saveSource = app.get(SaveDiscoverySourceHandler);
  const reportDiscoveredCi = app.get(ReportDiscoveredCiHandler);
  const addRelationship = app.get(AddRelationshipHandler);
  const by = 'demo-loader';

  for (const [source, expected] of [
    [{ id: 'sccm', label: 'Microsoft SCCM', precedence: 60, attributePrecedence: {}, mayCreate: true }, 0],
    [{ id: 'network-scanner', label: 'Network scanner', precedence: 40, attributePrecedence: { ip_address: 90 }, mayCreate: true }, 0],
    [{ id: 'tailspin-feed', label: 'Tailspin Hosting supplier feed', precedence: 30, attributePrecedence: {}, mayCreate: false }, 0],
  ] as const) {
    if (dataModel.current().findSource(source.id) === undefined) await saveSource.execute(new SaveDiscoverySourceCommand(source, expected, by));
  }

  const ids = new Map<string, string>();
  const ci = async (classId: string, name: string, attributes: Attributes = {}): Promise<string> => {
    const result = await reportDiscoveredCi.execute(new ReportDiscoveredCiCommand({ source: 'import', classId, attributes: { name, environment: 'production', ...attributes }, relationships: [], by, at: new Date().toISOString() }));
    ids.set(name, result.ci.id);
    return result.ci.id;
  };
  const rel = async (typeId: string, source: string, target: string) => {
    await addRelationship.execute(new AddRelationshipCommand(typeId, source, target, by, 'import'));
  };

  const berlin = await ci('location', 'Berlin DC1', { site_code: 'BER1', time_zone: 'Europe/Berlin', country: 'Germany', city: 'Berlin' });
  const newYork = await ci('location', 'New York DC2', { site_code: 'NYC2', time_zone: 'America/New_York', country: 'USA', city: 'New York' });
  const sites = [berlin, newYork];

  const cores = [await ci('network_device', 'core-sw-01', { device_role: 'core', serial_number: 'NW-CORE-0001', ip_address: '10.0.0.1', supplier_org: 'northwind-networks' }), await ci('network_device', 'core-sw-02', { device_role: 'core', serial_number: 'NW-CORE-0002', ip_address: '10.0.0.2', supplier_org: 'northwind-networks' })];
  const rtr = await ci('network_device', 'rtr-hh-01', { device_role: 'router', serial_number: 'NW-RTR-HH01', ip_address: '10.9.0.1', supplier_org: 'northwind-networks' });
  await rel('connects_to', rtr, cores[0] ?? '');
  const distribution: string[] = [];
  for (let d = 1; d <= 4; d += 1) {
    const id = await ci('network_device', `dist-sw-${pad(d)}`, { device_role: 'distribution', serial_number: `NW-DIST-${pad(d, 4)}`, ip_address: `10.0.1.${d}` });
    await rel('connects_to', id, cores[(d - 1) % 2] ?? '');
    await rel('contains', sites[(d - 1) % 2] ?? '', id);
    distribution.push(id);
  }
  const access: string[] = [];
  for (let a = 1; a <= 12; a += 1) {
    const id = await ci('network_device', `acc-sw-${pad(a)}`, { device_role: 'access', serial_number: `NW-ACC-${pad(a, 4)}`, ip_address: `10.0.2.${a}` });
    await rel('connects_to', id, distribution[(a - 1) % 4] ?? '');
    access.push(id);
  }

  const servers: string[] = [];
  for (let s = 1; s <= 48; s += 1) {
    const id = await ci('server', `srv-${pad(s, 3)}`, { serial_number: `SRV-${pad(s, 6)}`, fqdn: `srv-${pad(s, 3)}.dc.contoso.example`, ip_address: `10.1.${Math.ceil(s / 24)}.${s}`, os: 'Linux', cpu_count: 32, memory_gb: 256, supplier_org: 'tailspin-hosting' });
    await rel('connects_to', id, access[(s - 1) % 12] ?? '');
    await rel('contains', sites[(s - 1) % 2] ?? '', id);
    servers.push(id);
  }

  const esx = await ci('cluster', 'esx-cluster-01', { cluster_type: 'compute', redundancy_min_available: 3 });
  for (const host of servers.slice(0, 4)) await rel('member_of', host, esx);
  const vms: string[] = [];
  for (let v = 1; v <= 110; v += 1) {
    const id = await ci('virtual_machine', `vm-${pad(v, 3)}`, { vm_uuid: `4210${pad(v, 4)}-demo`, fqdn: `vm-${pad(v, 3)}.contoso.example`, ip_address: `10.2.${Math.ceil(v / 100)}.${v % 250}`, os: v % 3 === 0 ? 'Windows Server 2022' : 'Linux', cpu_count: 4, memory_gb: 16 });
    await rel('hosted_on', id, v <= 60 ? esx : (servers[4 + (v % 44)] ?? ''));
    vms.push(id);
  }

  const pg = await ci('cluster', 'pg-cluster-01', { cluster_type: 'database', redundancy_min_available: 2 });
  const databases: string[] = [];
  for (let d = 1; d <= 3; d += 1) {
    const id = await ci('database', `pg-node-${pad(d)}`, { engine: 'postgresql', version: '16', port: 5432 });
    await rel('runs_on', id, vms[d - 1] ?? '');
    await rel('member_of', id, pg);
  }
  for (const [name, vm] of [['db-01', 10], ['db-02', 11], ['mssql-hr', 12], ['mongo-portal', 13]] as const) {
    const id = await ci('database', name, { engine: name.startsWith('mssql') ? 'sql_server' : name.startsWith('mongo') ? 'mongodb' : 'postgresql', port: 5432 });
    await rel('runs_on', id, vms[vm] ?? '');
    databases.push(id);
  }

  const containers: string[] = [];
  for (let c = 1; c <= 36; c += 1) {
    const id = await ci('container', `portal-pod-${pad(c)}`, { container_id: `c0ffee${pad(c, 4)}`, image: 'registry.contoso.example/portal:4.2' });
    await rel('runs_on', id, vms[60 + (c % 20)] ?? '');
    containers.push(id);
  }

  const apps: Record<string, string> = {};
  const appSpecs: [string, number, string | null][] = [
    ['mail-relay', 20, null], ['exchange', 21, 'db-02'], ['web-01', 22, 'db-01'], ['web-02', 23, 'db-01'], ['checkout-api', 24, 'pg'], ['payment-gateway', 25, 'pg'],
    ['hr-portal', 26, 'mssql-hr'], ['payroll', 27, 'mssql-hr'], ['customer-portal', 28, 'mongo-portal'], ['search', 29, null], ['crm', 30, 'db-02'], ['reporting', 31, 'pg'],
  ];
  for (const [name, vm, db] of appSpecs) {
    const id = await ci('application', name, { vendor: 'Contoso', version: '1.0' });
    await rel('runs_on', id, vms[vm] ?? '');
    if (db === 'pg') await rel('depends_on', id, pg);
    else if (db !== null) await rel('depends_on', id, ids.get(db) ?? '');
    apps[name] = id;
  }
  for (const container of containers.slice(0, 12)) await rel('runs_on', apps['customer-portal'] ?? '', container).catch(() => undefined);

  const appService = async (name: string, parts: string[]) => {
    const id = await ci('application_service', name);
    for (const part of parts) await rel('depends_on', id, apps[part] ?? ids.get(part) ?? '');
    return id;
  };
  const mail = await appService('Mail transport', ['mail-relay', 'exchange']);
  const shop = await appService('Web shop', ['web-01', 'web-02', 'checkout-api']);
  const payments = await appService('Card payments', ['payment-gateway', 'checkout-api']);
  const hr = await appService('HR self-service', ['hr-portal', 'payroll']);
  const portal = await appService('Customer portal', ['customer-portal', 'search', 'crm']);
  const reporting = await appService('Management reporting', ['reporting']);
  const storeNet = await appService('Store connectivity', []);
  await rel('depends_on', storeNet, rtr);

  const offering = async (name: string, level: string, services: string[]) => {
    const id = await ci('service_offering', name, { service_level: level });
    for (const s of services) await rel('depends_on', id, s);
    return id;
  };
  const emailGold = await offering('Email - Gold', 'gold', [mail]);
  const emailStd = await offering('Email - Standard', 'standard', [mail]);
  const shopOffer = await offering('Online shop - 24x7', 'gold', [shop, payments]);
  const storeOffer = await offering('Store network - business hours', 'silver', [storeNet]);
  const hrOffer = await offering('HR services', 'standard', [hr, reporting]);
  const portalOffer = await offering('Customer portal - 24x7', 'gold', [portal]);

  const business = async (name: string, criticality: string, offerings: string[]) => {
    const id = await ci('business_service', name, { criticality, service_owner: 'u-incident-manager' });
    for (const o of offerings) await rel('depends_on', id, o);
  };
  await business('Email', 'high', [emailGold, emailStd]);
  await business('Retail sales', 'critical', [shopOffer, storeOffer, portalOffer]);
  await business('Human resources', 'medium', [hrOffer]);

  // A supplier's late report: Tailspin may update its servers, never create.
  await reportDiscoveredCi.execute(new ReportDiscoveredCiCommand({ source: 'tailspin-feed', classId: 'server', attributes: { serial_number: 'SRV-000001', os: 'Linux (RHEL 9.4)' }, relationships: [], by: 'tailspin-discovery', at: new Date().toISOString() }));
  return ids;
}
