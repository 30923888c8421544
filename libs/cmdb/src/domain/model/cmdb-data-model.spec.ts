import { CmdbErrorCode } from '../cmdb.errors';
import type { AttributeDefinition, CiClass, DiscoverySource } from './ci-class';
import { CmdbDataModel, coerceAttributes } from './cmdb-data-model';
import { CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES } from './core-library';
import type { RelationshipType } from './relationship-type';
import { thrown } from '../test-fixtures/thrown';

function core(): CmdbDataModel {
  return new CmdbDataModel(CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES);
}

function attr(name: string, type: AttributeDefinition['type'], extra: Partial<Omit<AttributeDefinition, 'name' | 'type' | 'label'>> = {}): AttributeDefinition {
  return { name, label: name, type, required: false, ...extra };
}

function builtIn(dataModel: CmdbDataModel, id: string): CiClass {
  const cls = dataModel.findClass(id);
  if (cls === undefined) throw new Error(`no class ${id}`);
  return cls;
}

const LOAD_BALANCER: CiClass = {
  id: 'load_balancer_appliance',
  label: 'Load balancer appliance',
  parentId: 'hardware',
  abstract: false,
  attributes: [attr('vip_count', 'integer', { min: 0, max: 1000 }), attr('ha_mode', 'enum', { values: ['active_passive', 'active_active'] })],
  identificationRules: [],
  builtIn: false,
  version: 1,
};

function newClass(overrides: Partial<CiClass>): CiClass {
  return { ...LOAD_BALANCER, ...overrides };
}

const SCCM: DiscoverySource = { id: 'sccm', label: 'SCCM', precedence: 60, attributePrecedence: {}, mayCreate: true, verificationKeys: [], builtIn: false, version: 1 };

describe('CmdbDataModel', () => {
  const dataModel = core();

  describe('resolve', () => {
    it('gives a class its lineage, from itself to the root', () => {
      expect(dataModel.resolve('server').lineage).toEqual(['server', 'hardware', 'ci']);
      expect(dataModel.resolve('business_service').lineage).toEqual(['business_service', 'service', 'ci']);
      expect(dataModel.resolve('ci').lineage).toEqual(['ci']);
    });

    it('inherits attributes, each naming the class that declares it', () => {
      const server = dataModel.resolve('server');
      expect(server.attributes.get('name')).toMatchObject({ declaredBy: 'ci', type: 'string', required: true });
      expect(server.attributes.get('serial_number')).toMatchObject({ declaredBy: 'hardware', type: 'string' });
      expect(server.attributes.get('fqdn')).toMatchObject({ declaredBy: 'server' });
      expect(server.attributes.has('vm_uuid')).toBe(false);
      expect(server.attributes.has('device_role')).toBe(false);
    });

    it('lists identification rules own class first, then each ancestor in turn', () => {
      expect(dataModel.resolve('server').rules.map((r) => [r.declaredBy, r.attributes.join('+'), r.perClass])).toEqual([
        ['server', 'fqdn', true],
        ['hardware', 'serial_number', false],
        ['hardware', 'asset_tag', false],
        ['ci', 'name', true],
      ]);
    });

    it.each([
      ['business_service', true],
      ['service_offering', true],
      ['application_service', true],
      ['service', true],
      ['server', false],
      ['application', false],
      ['database', false],
      ['ci', false],
    ])('flags %s as a service: %s', (id, service) => {
      expect(dataModel.resolve(id).service).toBe(service);
    });

    it('rejects an unknown class with CMDB.UNKNOWN_CLASS', () => {
      const error = thrown(() => dataModel.resolve('mainframe'));
      expect(error.code).toBe(CmdbErrorCode.UnknownClass);
      expect(error.details).toEqual({ classId: 'mainframe' });
    });
  });

  describe('isA', () => {
    it('is true for the class itself and its ancestors only', () => {
      expect(dataModel.isA('server', 'server')).toBe(true);
      expect(dataModel.isA('server', 'hardware')).toBe(true);
      expect(dataModel.isA('server', 'ci')).toBe(true);
      expect(dataModel.isA('hardware', 'server')).toBe(false);
      expect(dataModel.isA('virtual_machine', 'hardware')).toBe(false);
      expect(dataModel.isA('network_device', 'server')).toBe(false);
    });

    it('is false, not an error, for an unknown class', () => {
      expect(dataModel.isA('mainframe', 'ci')).toBe(false);
    });
  });

  describe('concreteClass', () => {
    it.each(['ci', 'hardware', 'service'])('rejects abstract %s with CMDB.ABSTRACT_CLASS', (id) => {
      const error = thrown(() => dataModel.concreteClass(id));
      expect(error.code).toBe(CmdbErrorCode.AbstractClass);
      expect(error.details).toEqual({ classId: id });
    });

    it('returns a concrete class resolved', () => {
      expect(dataModel.concreteClass('server').lineage).toEqual(['server', 'hardware', 'ci']);
    });

    it('rejects an unknown class with CMDB.UNKNOWN_CLASS', () => {
      expect(thrown(() => dataModel.concreteClass('mainframe')).code).toBe(CmdbErrorCode.UnknownClass);
    });
  });

  describe('checkAttributes', () => {
    it('returns the typed values, inherited attributes included, as a new object', () => {
      const input = { name: 'srv-1', serial_number: 'SN1', cpu_count: 8, ip_address: '10.0.0.1' };
      const checked = dataModel.checkAttributes('server', input, true);
      expect(checked).toEqual(input);
      expect(checked).not.toBe(input);
    });

    it("rejects an attribute the class does not have, even one of a sibling's", () => {
      for (const name of ['rack', 'vm_uuid', 'device_role']) {
        const error = thrown(() => dataModel.checkAttributes('server', { name: 'srv-1', [name]: 'x' }, false));
        expect(error.code).toBe(CmdbErrorCode.InvalidAttribute);
        expect(error.details).toEqual({ attribute: name, expected: null });
      }
    });

    it('rejects a value of the wrong type, naming the attribute', () => {
      const error = thrown(() => dataModel.checkAttributes('server', { name: 'srv-1', cpu_count: 0 }, false));
      expect(error.code).toBe(CmdbErrorCode.InvalidAttribute);
      expect(error.details).toEqual({ attribute: 'cpu_count', expected: 'integer' });
    });

    it('requires the required attributes only when complete', () => {
      expect(dataModel.checkAttributes('server', { fqdn: 'srv-1.example.com' }, false)).toEqual({ fqdn: 'srv-1.example.com' });
      const error = thrown(() => dataModel.checkAttributes('server', { fqdn: 'srv-1.example.com' }, true));
      expect(error.code).toBe(CmdbErrorCode.InvalidAttribute);
      expect(error.details).toEqual({ attribute: 'name', expected: 'string' });
    });

    it('rejects null on a required attribute even when not complete', () => {
      expect(thrown(() => dataModel.checkAttributes('server', { name: null }, false)).details).toMatchObject({ attribute: 'name' });
    });

    it('keeps null on an optional attribute (a clear)', () => {
      expect(dataModel.checkAttributes('server', { os: null }, false)).toEqual({ os: null });
    });

    it('rejects more than 200 attributes', () => {
      const many = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`a${i}`, 'x']));
      expect(thrown(() => dataModel.checkAttributes('server', many, false)).code).toBe(CmdbErrorCode.InvalidAttribute);
    });

    it('rejects an unknown class', () => {
      expect(thrown(() => dataModel.checkAttributes('mainframe', {}, false)).code).toBe(CmdbErrorCode.UnknownClass);
    });
  });

  describe('checkRelationship', () => {
    it.each([
      ['server', 'connects_to', 'network_device'],
      ['network_device', 'connects_to', 'network_device'],
      ['virtual_machine', 'connects_to', 'network_device'],
      ['virtual_machine', 'hosted_on', 'cluster'],
      ['virtual_machine', 'hosted_on', 'server'],
      ['application', 'runs_on', 'virtual_machine'],
      ['database', 'runs_on', 'server'],
      ['server', 'member_of', 'cluster'],
      ['application_service', 'member_of', 'cluster'],
      ['location', 'contains', 'server'],
      ['location', 'contains', 'location'],
      ['server', 'contains', 'network_device'],
      ['business_service', 'depends_on', 'service_offering'],
      ['service_offering', 'depends_on', 'application_service'],
      ['application_service', 'depends_on', 'database'],
    ])('allows a %s to %s a %s', (source, typeId, target) => {
      expect(dataModel.checkRelationship(typeId, source, target).id).toBe(typeId);
    });

    it.each([
      ['business_service', 'runs_on', 'server'],
      ['location', 'member_of', 'cluster'],
      ['network_device', 'connects_to', 'server'],
      ['cluster', 'member_of', 'server'],
      ['server', 'runs_on', 'application'],
      ['server', 'contains', 'location'],
      ['business_service', 'depends_on', 'server'],
      ['service_offering', 'depends_on', 'business_service'],
      ['container', 'hosted_on', 'server'],
    ])('forbids a %s to %s a %s with CMDB.FORBIDDEN_RELATIONSHIP', (source, typeId, target) => {
      const error = thrown(() => dataModel.checkRelationship(typeId, source, target));
      expect(error.code).toBe(CmdbErrorCode.ForbiddenRelationship);
      expect(error.details).toEqual({ typeId, sourceClassId: source, targetClassId: target });
    });

    it('rejects an unknown relationship type with CMDB.UNKNOWN_RELATIONSHIP_TYPE', () => {
      const error = thrown(() => dataModel.checkRelationship('powers', 'server', 'server'));
      expect(error.code).toBe(CmdbErrorCode.UnknownRelationshipType);
      expect(error.details).toEqual({ typeId: 'powers' });
    });
  });

  describe('sources', () => {
    it('knows the built-in sources and rejects an unknown one with CMDB.UNKNOWN_SOURCE', () => {
      expect(dataModel.source('manual').precedence).toBe(100);
      const error = thrown(() => dataModel.source('sccm'));
      expect(error.code).toBe(CmdbErrorCode.UnknownSource);
      expect(error.details).toEqual({ source: 'sccm' });
    });

    it('precedenceOf: per-attribute override, else the source precedence, -1 for a source that is gone', () => {
      const next = dataModel.withSource({ ...SCCM, id: 'scanner', precedence: 40, attributePrecedence: { ip_address: 90 } });
      expect(next.precedenceOf('scanner', 'ip_address')).toBe(90);
      expect(next.precedenceOf('scanner', 'os')).toBe(40);
      expect(next.precedenceOf('manual', 'ip_address')).toBe(100);
      expect(next.precedenceOf('deleted_source', 'os')).toBe(-1);
    });
  });

  describe('withClass', () => {
    it('adds a class under hardware with typed attributes that inherits the hardware rules', () => {
      const next = dataModel.withClass(LOAD_BALANCER);
      const resolved = next.concreteClass('load_balancer_appliance');
      expect(resolved.lineage).toEqual(['load_balancer_appliance', 'hardware', 'ci']);
      expect(resolved.service).toBe(false);
      expect(next.isA('load_balancer_appliance', 'hardware')).toBe(true);
      expect(resolved.attributes.get('serial_number')?.declaredBy).toBe('hardware');
      expect(resolved.rules.map((r) => `${r.declaredBy}:${r.attributes.join('+')}`)).toEqual(['hardware:serial_number', 'hardware:asset_tag', 'ci:name']);
      expect(next.checkAttributes('load_balancer_appliance', { name: 'lb-1', vip_count: 12, ha_mode: 'active_active', serial_number: 'SN9' }, true)).toMatchObject({ vip_count: 12 });
      expect(thrown(() => next.checkAttributes('load_balancer_appliance', { vip_count: 1.5 }, false)).details).toEqual({ attribute: 'vip_count', expected: 'integer' });
      expect(thrown(() => next.checkAttributes('load_balancer_appliance', { ha_mode: 'solo' }, false)).details).toEqual({ attribute: 'ha_mode', expected: 'enum' });
    });

    it('lets the new class take part in the relationships its ancestors may', () => {
      const next = dataModel.withClass(LOAD_BALANCER);
      expect(next.checkRelationship('connects_to', 'load_balancer_appliance', 'network_device').id).toBe('connects_to');
      expect(next.checkRelationship('contains', 'location', 'load_balancer_appliance').id).toBe('contains');
      expect(thrown(() => next.checkRelationship('member_of', 'load_balancer_appliance', 'cluster')).code).toBe(CmdbErrorCode.ForbiddenRelationship);
    });

    it('leaves the data model it was called on unchanged', () => {
      dataModel.withClass(LOAD_BALANCER);
      expect(dataModel.findClass('load_balancer_appliance')).toBeUndefined();
      expect(thrown(() => dataModel.resolve('load_balancer_appliance')).code).toBe(CmdbErrorCode.UnknownClass);
    });

    it('accepts an identification rule over own and inherited attributes', () => {
      const next = dataModel.withClass(newClass({ identificationRules: [{ attributes: ['manufacturer', 'vip_count'], perClass: true }] }));
      expect(next.resolve('load_balancer_appliance').rules[0]).toEqual({ attributes: ['manufacturer', 'vip_count'], perClass: true, declaredBy: 'load_balancer_appliance' });
    });

    it('lets a class under a service be a service', () => {
      const next = dataModel.withClass(newClass({ id: 'technical_service', parentId: 'service', attributes: [] }));
      expect(next.resolve('technical_service').service).toBe(true);
    });

    it('lets an existing admin class gain an attribute', () => {
      const next = dataModel.withClass(LOAD_BALANCER);
      const grown = next.withClass({ ...LOAD_BALANCER, attributes: [...LOAD_BALANCER.attributes, attr('throughput_gbps', 'number')], version: 2 });
      expect(grown.resolve('load_balancer_appliance').attributes.get('throughput_gbps')?.type).toBe('number');
    });

    it('lets a built-in class gain an attribute that its subclasses see', () => {
      const withBlade = dataModel.withClass(newClass({ id: 'blade_server', parentId: 'server', attributes: [attr('slot', 'integer')] }));
      const server = builtIn(withBlade, 'server');
      const next = withBlade.withClass({ ...server, attributes: [...server.attributes, attr('rack_unit', 'integer', { min: 1, max: 60 })], version: 2 });
      expect(next.resolve('server').attributes.get('rack_unit')).toMatchObject({ type: 'integer', declaredBy: 'server' });
      expect(next.resolve('blade_server').attributes.get('rack_unit')).toMatchObject({ type: 'integer', declaredBy: 'server' });
      expect(next.checkAttributes('blade_server', { rack_unit: 4 }, false)).toEqual({ rack_unit: 4 });
      expect(thrown(() => next.checkAttributes('blade_server', { rack_unit: 61 }, false)).details).toEqual({ attribute: 'rack_unit', expected: 'integer' });
      expect(next.resolve('network_device').attributes.has('rack_unit')).toBe(false);
      expect(withBlade.resolve('server').attributes.has('rack_unit')).toBe(false);
    });

    it('lets a built-in class gain identification rules', () => {
      const server = builtIn(dataModel, 'server');
      const next = dataModel.withClass({ ...server, identificationRules: [...server.identificationRules, { attributes: ['ip_address'], perClass: true }] });
      expect(next.resolve('server').rules.map((r) => r.attributes.join('+'))).toEqual(['fqdn', 'ip_address', 'serial_number', 'asset_tag', 'name']);
    });

    describe('rejects with CMDB.INVALID_CLASS', () => {
      function expectInvalidClass(cls: CiClass, details: Record<string, unknown>, on: CmdbDataModel = dataModel): void {
        const error = thrown(() => on.withClass(cls));
        expect(error.code).toBe(CmdbErrorCode.InvalidClass);
        expect(error.details).toMatchObject(details);
      }

      it('an unknown parent', () => {
        expectInvalidClass(newClass({ parentId: 'appliance' }), { classId: 'load_balancer_appliance', parentId: 'appliance' });
      });

      it.each(['LoadBalancer', 'load-balancer', 'x', '1appliance', '_appliance', 'a'.repeat(64), ''])('a bad id %j', (id) => {
        expectInvalidClass(newClass({ id }), { classId: id });
      });

      it('an empty or over-long label', () => {
        expectInvalidClass(newClass({ label: '  ' }), { classId: 'load_balancer_appliance' });
        expectInvalidClass(newClass({ label: 'x'.repeat(121) }), { classId: 'load_balancer_appliance' });
      });

      it.each(['name', 'serial_number', 'description'])('redeclaring the inherited attribute %s', (name) => {
        expectInvalidClass(newClass({ attributes: [...LOAD_BALANCER.attributes, attr(name, 'string')] }), { classId: 'load_balancer_appliance', attribute: name });
      });

      it('redeclaring an inherited attribute even with the same type', () => {
        const nameAgain = builtIn(dataModel, 'ci').attributes.find((a) => a.name === 'name');
        expect(nameAgain).toBeDefined();
        expectInvalidClass(newClass({ attributes: [nameAgain!] }), { attribute: 'name' });
      });

      it('an attribute declared twice in the class', () => {
        expectInvalidClass(newClass({ attributes: [attr('vip_count', 'integer'), attr('vip_count', 'integer')] }), { attribute: 'vip_count' });
      });

      it('an ancestor gaining an attribute a subclass already declares', () => {
        const hardware = builtIn(dataModel, 'hardware');
        expectInvalidClass({ ...hardware, attributes: [...hardware.attributes, attr('ip_address', 'ip_address')] }, { classId: 'hardware', attribute: 'ip_address' });
      });

      it('removing an attribute of a saved class', () => {
        const next = dataModel.withClass(LOAD_BALANCER);
        expectInvalidClass({ ...LOAD_BALANCER, attributes: [attr('ha_mode', 'enum', { values: ['active_passive'] })] }, { attribute: 'vip_count' }, next);
        const server = builtIn(dataModel, 'server');
        expectInvalidClass({ ...server, attributes: server.attributes.filter((a) => a.name !== 'os') }, { classId: 'server', attribute: 'os' });
      });

      it('retyping an attribute of a saved class', () => {
        const next = dataModel.withClass(LOAD_BALANCER);
        expectInvalidClass({ ...LOAD_BALANCER, attributes: [attr('vip_count', 'number'), LOAD_BALANCER.attributes[1]!] }, { attribute: 'vip_count' }, next);
        const server = builtIn(dataModel, 'server');
        expectInvalidClass({ ...server, attributes: server.attributes.map((a) => (a.name === 'fqdn' ? { ...a, type: 'text' as const } : a)) }, { classId: 'server', attribute: 'fqdn' });
      });

      it.each([
        ['no values', undefined],
        ['an empty list', []],
        ['duplicate values', ['a', 'a']],
        ['an empty value', ['a', '']],
        ['a value over 100 characters', ['x'.repeat(101)]],
      ])('an enum with %s', (_, values) => {
        expectInvalidClass(newClass({ attributes: [attr('ha_mode', 'enum', values === undefined ? {} : { values })] }), { attribute: 'ha_mode' });
      });

      it('an identification rule naming an unknown attribute', () => {
        expectInvalidClass(newClass({ identificationRules: [{ attributes: ['rack'], perClass: true }] }), { classId: 'load_balancer_appliance', attribute: 'rack' });
        expectInvalidClass(newClass({ identificationRules: [{ attributes: ['vm_uuid'], perClass: true }] }), { attribute: 'vm_uuid' });
      });

      it('an identification rule naming no or too many attributes, or too many rules', () => {
        expectInvalidClass(newClass({ identificationRules: [{ attributes: [], perClass: true }] }), { classId: 'load_balancer_appliance' });
        expectInvalidClass(newClass({ identificationRules: [{ attributes: ['name', 'serial_number', 'asset_tag', 'manufacturer', 'model', 'vip_count'], perClass: true }] }), { classId: 'load_balancer_appliance' });
        expectInvalidClass(newClass({ identificationRules: Array.from({ length: 11 }, () => ({ attributes: ['vip_count'], perClass: true })) }), { classId: 'load_balancer_appliance' });
      });

      it("changing a built-in class's parent or abstractness", () => {
        const server = builtIn(dataModel, 'server');
        expectInvalidClass({ ...server, parentId: 'ci' }, { classId: 'server' });
        const hardware = builtIn(dataModel, 'hardware');
        expectInvalidClass({ ...hardware, abstract: false }, { classId: 'hardware' });
        const ci = builtIn(dataModel, 'ci');
        expectInvalidClass({ ...ci, parentId: 'hardware' }, { classId: 'ci' });
      });

      it("changing a saved admin class's parent", () => {
        const next = dataModel.withClass(LOAD_BALANCER);
        expectInvalidClass({ ...LOAD_BALANCER, parentId: 'ci' }, { classId: 'load_balancer_appliance' }, next);
      });

      it('a new class without a parent', () => {
        expectInvalidClass(newClass({ parentId: null }), { classId: 'load_balancer_appliance' });
      });

      it('a bad attribute name, an unknown type, min above max, a bad maxLength', () => {
        expectInvalidClass(newClass({ attributes: [attr('VipCount', 'integer')] }), { attribute: 'VipCount' });
        expectInvalidClass(newClass({ attributes: [attr('vip-count', 'integer')] }), { attribute: 'vip-count' });
        expectInvalidClass(newClass({ attributes: [attr('vip_count', 'float' as AttributeDefinition['type'])] }), { attribute: 'vip_count' });
        expectInvalidClass(newClass({ attributes: [attr('vip_count', 'integer', { min: 10, max: 1 })] }), { attribute: 'vip_count' });
        expectInvalidClass(newClass({ attributes: [attr('label_text', 'string', { maxLength: 0 })] }), { attribute: 'label_text' });
        expectInvalidClass(newClass({ attributes: [attr('label_text', 'string', { maxLength: 4001 })] }), { attribute: 'label_text' });
        expectInvalidClass(newClass({ attributes: [attr('label_text', 'string', { maxLength: 1.5 })] }), { attribute: 'label_text' });
      });
    });
  });

  describe('withRelationshipType', () => {
    const BACKS_UP: RelationshipType = { id: 'backs_up', name: 'backs up', inverseName: 'backed up by', propagation: 'none', membership: false, rules: [{ sourceClassId: 'hardware', targetClassId: 'database' }], builtIn: false, version: 1 };

    function expectInvalidType(type: RelationshipType): void {
      const error = thrown(() => dataModel.withRelationshipType(type));
      expect(error.code).toBe(CmdbErrorCode.InvalidRelationshipType);
      expect(error.details).toEqual({ typeId: type.id });
    }

    function runsOn(): RelationshipType {
      return dataModel.relationshipType('runs_on');
    }

    it('adds a type whose rules admit subclasses', () => {
      const next = dataModel.withRelationshipType(BACKS_UP);
      expect(next.checkRelationship('backs_up', 'server', 'database')).toEqual(BACKS_UP);
      expect(thrown(() => next.checkRelationship('backs_up', 'database', 'server')).code).toBe(CmdbErrorCode.ForbiddenRelationship);
      expect(thrown(() => dataModel.relationshipType('backs_up')).code).toBe(CmdbErrorCode.UnknownRelationshipType);
    });

    it('lets a built-in type gain rules, keeping the old ones', () => {
      const type = runsOn();
      const next = dataModel.withRelationshipType({ ...type, rules: [...type.rules, { sourceClassId: 'application', targetClassId: 'network_device' }] });
      expect(next.checkRelationship('runs_on', 'application', 'network_device').propagation).toBe('target_to_source');
      expect(next.checkRelationship('runs_on', 'application', 'virtual_machine').id).toBe('runs_on');
    });

    it('keeps the semantics of a built-in type', () => {
      const type = runsOn();
      expectInvalidType({ ...type, propagation: 'none' });
      expectInvalidType({ ...type, name: 'executes on' });
      expectInvalidType({ ...type, inverseName: 'executes' });
      const memberOf = dataModel.relationshipType('member_of');
      expectInvalidType({ ...memberOf, membership: false });
    });

    it('keeps the rules of a built-in type', () => {
      const type = runsOn();
      expectInvalidType({ ...type, rules: type.rules.slice(1) });
      expectInvalidType({ ...type, rules: [{ sourceClassId: 'ci', targetClassId: 'ci' }] });
    });

    it('requires a membership type to propagate source to target', () => {
      expectInvalidType({ ...BACKS_UP, membership: true, propagation: 'target_to_source' });
      expectInvalidType({ ...BACKS_UP, membership: true, propagation: 'none' });
      expect(dataModel.withRelationshipType({ ...BACKS_UP, membership: true, propagation: 'source_to_target' }).relationshipType('backs_up').membership).toBe(true);
    });

    it('rejects a bad id, names, propagation or rules', () => {
      expectInvalidType({ ...BACKS_UP, id: 'Backs-Up' });
      expectInvalidType({ ...BACKS_UP, name: ' ' });
      expectInvalidType({ ...BACKS_UP, inverseName: 'x'.repeat(81) });
      expectInvalidType({ ...BACKS_UP, propagation: 'both' as RelationshipType['propagation'] });
      expectInvalidType({ ...BACKS_UP, rules: [] });
      expectInvalidType({ ...BACKS_UP, rules: [{ sourceClassId: 'mainframe', targetClassId: 'database' }] });
      expectInvalidType({ ...BACKS_UP, rules: [{ sourceClassId: 'server', targetClassId: 'mainframe' }] });
    });
  });

  describe('withSource', () => {
    function expectInvalidSource(source: DiscoverySource, on: CmdbDataModel = dataModel): void {
      const error = thrown(() => on.withSource(source));
      expect(error.code).toBe(CmdbErrorCode.InvalidSource);
      expect(error.details).toEqual({ source: source.id });
    }

    it('adds a source and leaves the old data model without it', () => {
      const next = dataModel.withSource(SCCM);
      expect(next.source('sccm')).toEqual(SCCM);
      expect(dataModel.findSource('sccm')).toBeUndefined();
    });

    it('replaces a source with the same id', () => {
      const next = dataModel.withSource(SCCM).withSource({ ...SCCM, precedence: 70, version: 2 });
      expect(next.source('sccm').precedence).toBe(70);
      expect(next.sources().filter((s) => s.id === 'sccm')).toHaveLength(1);
    });

    it('accepts precedences 0 and 1000', () => {
      expect(dataModel.withSource({ ...SCCM, precedence: 0, attributePrecedence: { os: 1000 } }).precedenceOf('sccm', 'os')).toBe(1000);
    });

    it.each([-1, 1001, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects precedence %p', (precedence) => {
      expectInvalidSource({ ...SCCM, precedence });
      expectInvalidSource({ ...SCCM, attributePrecedence: { ip_address: precedence } });
    });

    it('rejects attributePrecedence naming an attribute no class has', () => {
      expectInvalidSource({ ...SCCM, attributePrecedence: { ip_address: 90, rack_unit: 90 } });
    });

    it('accepts attributePrecedence naming an attribute an admin class added', () => {
      const next = dataModel.withClass(LOAD_BALANCER);
      expectInvalidSource({ ...SCCM, attributePrecedence: { vip_count: 90 } });
      expect(next.withSource({ ...SCCM, attributePrecedence: { vip_count: 90 } }).precedenceOf('sccm', 'vip_count')).toBe(90);
    });

    it('rejects a bad id or label', () => {
      expectInvalidSource({ ...SCCM, id: 'SCCM' });
      expectInvalidSource({ ...SCCM, id: '' });
      expectInvalidSource({ ...SCCM, id: '-sccm' });
      expectInvalidSource({ ...SCCM, label: ' ' });
    });
  });

  describe('coerceAttributes', () => {
    it('types text values against the class', () => {
      expect(coerceAttributes(dataModel, 'server', [{ name: 'cpu_count', value: '8' }, { name: 'name', value: 'srv-1' }, { name: 'os', value: null }])).toEqual({ cpu_count: 8, name: 'srv-1', os: null });
    });

    it('rejects an unknown attribute, one given twice, or text of the wrong type', () => {
      expect(thrown(() => coerceAttributes(dataModel, 'server', [{ name: 'rack', value: '1' }])).details).toEqual({ attribute: 'rack', expected: null });
      expect(thrown(() => coerceAttributes(dataModel, 'server', [{ name: 'os', value: 'a' }, { name: 'os', value: 'b' }])).details).toEqual({ attribute: 'os', expected: 'string' });
      expect(thrown(() => coerceAttributes(dataModel, 'server', [{ name: 'cpu_count', value: 'eight' }])).details).toEqual({ attribute: 'cpu_count', expected: 'integer' });
    });
  });
});
