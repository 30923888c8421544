import type { AttributeDefinition, CiClass } from '../model/ci-class';
import type { Attributes } from '../model/ci';
import { CmdbDataModel } from '../model/cmdb-data-model';
import { CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES } from '../model/core-library';
import { identificationKeys } from './identification';

function attr(name: string, type: AttributeDefinition['type']): AttributeDefinition {
  return { name, label: name, type, required: false };
}

function cls(id: string, parentId: string, attributes: AttributeDefinition[], identificationRules: CiClass['identificationRules']): CiClass {
  return { id, label: id, parentId, abstract: false, attributes, identificationRules, builtIn: false, version: 1 };
}

const dataModel = new CmdbDataModel(CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES);

function keys(classId: string, attributes: Attributes, on: CmdbDataModel = dataModel): string[] {
  return identificationKeys(on.resolve(classId), attributes);
}

describe('identificationKeys', () => {
  it('gives a server its keys in rule order: own rule first, then hardware, then ci', () => {
    expect(keys('server', { name: 'srv-1', serial_number: 'SN-1', fqdn: 'srv-1.example.com', os: 'linux' })).toEqual(['server|fqdn=srv-1.example.com', 'hardware|serial_number=sn-1', 'server|name=srv-1']);
    expect(keys('server', { name: 'srv-1', serial_number: 'SN-1', asset_tag: 'A-7', fqdn: 'srv-1.example.com' })).toEqual(['server|fqdn=srv-1.example.com', 'hardware|serial_number=sn-1', 'hardware|asset_tag=a-7', 'server|name=srv-1']);
  });

  it('orders rules from the class down its whole lineage', () => {
    const next = dataModel.withClass(cls('blade_server', 'server', [attr('blade_slot', 'string')], [{ attributes: ['blade_slot'], perClass: true }]));
    expect(keys('blade_server', { name: 'b1', fqdn: 'b1.example.com', serial_number: 'SN', blade_slot: 'C1/S4' }, next)).toEqual([
      'blade_server|blade_slot=c1/s4',
      'blade_server|fqdn=b1.example.com',
      'hardware|serial_number=sn',
      'blade_server|name=b1',
    ]);
  });

  it('does not depend on the order of the attributes', () => {
    expect(keys('server', { fqdn: 'f', name: 'n', serial_number: 's' })).toEqual(keys('server', { serial_number: 's', name: 'n', fqdn: 'f' }));
  });

  it.each([' SRV-1 ', 'srv-1', 'SRV-1', '\tSrv-1\n'])('normalises case and surrounding whitespace: %j', (name) => {
    expect(keys('server', { name })).toEqual(['server|name=srv-1']);
  });

  it('collapses inner whitespace runs to one space', () => {
    expect(keys('application', { name: 'Payroll   Web\t App' })).toEqual(['application|name=payroll web app']);
    expect(keys('application', { name: 'payroll web app' })).toEqual(keys('application', { name: ' PAYROLL  WEB  APP ' }));
    expect(keys('application', { name: 'payrollweb app' })).not.toEqual(keys('application', { name: 'payroll web app' }));
  });

  it('shares a perClass=false key between subclasses of the declaring class', () => {
    const server = keys('server', { name: 'srv-1', serial_number: 'ABC123' });
    const device = keys('network_device', { name: 'sw-1', serial_number: ' abc123 ' });
    expect(server).toContain('hardware|serial_number=abc123');
    expect(device).toContain('hardware|serial_number=abc123');
    expect(server.filter((k) => device.includes(k))).toEqual(['hardware|serial_number=abc123']);
  });

  it('shares it with an admin class under the declaring class too', () => {
    const next = dataModel.withClass(cls('load_balancer_appliance', 'hardware', [attr('vip_count', 'integer')], []));
    expect(keys('load_balancer_appliance', { serial_number: 'ABC123' }, next)).toEqual(['hardware|serial_number=abc123']);
  });

  it('keeps perClass=true keys apart by class', () => {
    const server = keys('server', { name: 'x' });
    const vm = keys('virtual_machine', { name: 'x' });
    expect(server).toEqual(['server|name=x']);
    expect(vm).toEqual(['virtual_machine|name=x']);
    expect(keys('server', { fqdn: 'x.example.com' })).not.toEqual(keys('virtual_machine', { fqdn: 'x.example.com' }));
  });

  it.each<[string, Attributes]>([
    ['absent', { name: 'srv-1' }],
    ['null', { name: 'srv-1', serial_number: null }],
    ['empty', { name: 'srv-1', serial_number: '' }],
    ['blank', { name: 'srv-1', serial_number: '  \t ' }],
  ])('skips a rule whose attribute is %s', (_, attributes) => {
    expect(keys('server', attributes)).toEqual(['server|name=srv-1']);
  });

  it('gives no keys when no rule is satisfied', () => {
    expect(keys('server', { os: 'linux', cpu_count: 4 })).toEqual([]);
    expect(keys('server', {})).toEqual([]);
  });

  it('needs every attribute of a multi-attribute rule, joined in rule order', () => {
    const next = dataModel.withClass(cls('printer', 'hardware', [attr('queue', 'string'), attr('port', 'integer')], [{ attributes: ['manufacturer', 'model', 'port'], perClass: true }]));
    expect(keys('printer', { manufacturer: 'ACME', model: 'LaserJet 5', port: 9100 }, next)).toEqual(['printer|manufacturer=acme|model=laserjet 5|port=9100']);
    expect(keys('printer', { manufacturer: 'ACME', port: 9100 }, next)).toEqual([]);
    expect(keys('printer', { manufacturer: 'ACME', model: ' ', port: 9100 }, next)).toEqual([]);
  });

  it('gives a key only once when two rules produce it', () => {
    const next = dataModel.withClass(cls('twin', 'ci', [attr('code', 'string')], [{ attributes: ['code'], perClass: true }, { attributes: ['code'], perClass: true }]));
    expect(keys('twin', { code: 'A', name: 'a' }, next)).toEqual(['twin|code=a', 'twin|name=a']);
  });
});

describe('identification key separators', () => {
  it('cannot be forged by a value: a "|" or "=" inside a value gives a different key than two values', () => {
    const dataModel = new CmdbDataModel(CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES).withClass({
      id: 'rack',
      label: 'Rack',
      parentId: 'hardware',
      abstract: false,
      attributes: [{ name: 'room', label: 'Room', type: 'string', required: false }, { name: 'row', label: 'Row', type: 'string', required: false }],
      identificationRules: [{ attributes: ['room', 'row'], perClass: true }],
      builtIn: false,
      version: 1,
    });
    const rack = dataModel.resolve('rack');
    const forged = identificationKeys(rack, { name: 'x', room: 'a|row=b', row: 'c' })[0];
    const honest = identificationKeys(rack, { name: 'x', room: 'a', row: 'b|row=c' })[0];
    expect(forged).not.toEqual(honest);
  });
});
