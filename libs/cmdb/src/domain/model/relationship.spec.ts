import { CmdbErrorCode } from '../cmdb.errors';
import type { ConfigurationItem } from './ci';
import { CmdbDataModel } from './cmdb-data-model';
import { CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES } from './core-library';
import { checkRelationship } from './relationship';
import { thrown } from '../test-fixtures/thrown';

const AT = '2024-05-01T10:00:00Z';

function ci(id: string, classId: string, state: ConfigurationItem['state'] = 'active'): ConfigurationItem {
  return { id, classId, name: id, attributes: { name: id }, provenance: {}, state, identifiers: [], createdAt: AT, updatedAt: AT, sequence: 1, history: [] };
}

describe('checkRelationship (CIs)', () => {
  const dataModel = new CmdbDataModel(CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES);

  it('returns the type when both ends are active and the classes are admitted', () => {
    expect(checkRelationship(dataModel, 'runs_on', ci('app-1', 'application'), ci('vm-1', 'virtual_machine')).id).toBe('runs_on');
    expect(checkRelationship(dataModel, 'contains', ci('srv-1', 'server'), ci('srv-2', 'server')).propagation).toBe('source_to_target');
  });

  it('forbids a CI related to itself, even where the classes would be admitted', () => {
    const server = ci('srv-1', 'server');
    const error = thrown(() => checkRelationship(dataModel, 'contains', server, { ...server }));
    expect(error.code).toBe(CmdbErrorCode.ForbiddenRelationship);
    expect(error.details).toEqual({ typeId: 'contains', sourceClassId: 'server', targetClassId: 'server' });
  });

  it('rejects a retired source or target with CMDB.CI_RETIRED naming it', () => {
    const sourceRetired = thrown(() => checkRelationship(dataModel, 'runs_on', ci('app-1', 'application', 'retired'), ci('vm-1', 'virtual_machine')));
    expect(sourceRetired.code).toBe(CmdbErrorCode.CiRetired);
    expect(sourceRetired.details).toEqual({ ciId: 'app-1' });
    const targetRetired = thrown(() => checkRelationship(dataModel, 'runs_on', ci('app-1', 'application'), ci('vm-1', 'virtual_machine', 'retired')));
    expect(targetRetired.code).toBe(CmdbErrorCode.CiRetired);
    expect(targetRetired.details).toEqual({ ciId: 'vm-1' });
  });

  it('forbids classes the type does not admit, in either direction', () => {
    const error = thrown(() => checkRelationship(dataModel, 'runs_on', ci('bs-1', 'business_service'), ci('srv-1', 'server')));
    expect(error.code).toBe(CmdbErrorCode.ForbiddenRelationship);
    expect(error.details).toEqual({ typeId: 'runs_on', sourceClassId: 'business_service', targetClassId: 'server' });
    expect(thrown(() => checkRelationship(dataModel, 'runs_on', ci('vm-1', 'virtual_machine'), ci('app-1', 'application'))).code).toBe(CmdbErrorCode.ForbiddenRelationship);
  });

  it('rejects an unknown type with CMDB.UNKNOWN_RELATIONSHIP_TYPE', () => {
    expect(thrown(() => checkRelationship(dataModel, 'powers', ci('a', 'server'), ci('b', 'server'))).code).toBe(CmdbErrorCode.UnknownRelationshipType);
  });
});
