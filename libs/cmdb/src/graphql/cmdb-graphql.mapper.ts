import { attributeText, operationalStatusOf } from '../domain';
import { sourceKeySummary } from '../application/discovery-source-keys';
import type { CmdbDataModel, ConfigurationItem, DiscoverySource, ImpactedCi, ImpactIndex, ImpactResult, PathStep, RelationshipType, CiClass } from '../domain';
import type { CiSummary } from '../persistence';
import type { AffectedServiceGql, CiClassGql, CiHistoryEntryGql, ConfigurationItemGql, DiscoverySourceGql, ImpactAnalysisGql, ImpactedCiGql, ImpactPathStepGql, RelationshipTypeGql } from './cmdb.types';

export function toCiGql(dataModel: CmdbDataModel, ci: CiSummary | ConfigurationItem): ConfigurationItemGql {
  const definitions = dataModel.findClass(ci.classId) ? dataModel.resolve(ci.classId).attributes : new Map();
  const provenance = 'provenance' in ci ? ci.provenance : {};
  return {
    id: ci.id,
    classId: ci.classId,
    className: dataModel.findClass(ci.classId)?.label ?? ci.classId,
    name: ci.name,
    state: ci.state,
    operationalStatus: operationalStatusOf(ci.attributes),
    createdAt: ci.createdAt,
    updatedAt: ci.updatedAt,
    attributes: Object.entries(ci.attributes)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => ({
        name,
        type: definitions.get(name)?.type ?? 'string',
        value: attributeText(value),
        source: provenance[name]?.source ?? null,
        setBy: provenance[name]?.by ?? null,
        setAt: provenance[name]?.at ?? null,
      })),
  };
}

export function toHistoryGql(ci: ConfigurationItem): CiHistoryEntryGql[] {
  return ci.history.map((entry) => ({ ...entry, changes: entry.changes.map((c) => ({ attribute: c.attribute, old: attributeText(c.old), new: attributeText(c.new) })) }));
}

function reading(dataModel: CmdbDataModel, step: PathStep): string {
  const type = dataModel.findRelationshipType(step.typeId);
  if (type === undefined) return step.typeId;
  return step.reading === 'forward' ? type.name : type.inverseName;
}

function toPathGql(dataModel: CmdbDataModel, index: ImpactIndex, path: readonly PathStep[]): ImpactPathStepGql[] {
  return path.map((step) => ({ ciId: step.ciId, ciName: index.ci(step.ciId)?.name ?? step.ciId, relationshipId: step.relationshipId, typeId: step.typeId, reading: reading(dataModel, step) }));
}

/** "core-sw-01 connected from srv-01, runs on ... " read from the origin to the CI. */
export function explain(dataModel: CmdbDataModel, index: ImpactIndex, impacted: Pick<ImpactedCi, 'name' | 'path'>): string {
  if (impacted.path.length === 0) return impacted.name;
  const words = impacted.path.map((step, i) => `${i === 0 ? `${index.ci(step.ciId)?.name ?? step.ciId} ` : ''}${reading(dataModel, step)} ${impacted.path[i + 1] ? (index.ci(impacted.path[i + 1]?.ciId ?? '')?.name ?? '') : impacted.name}`);
  return words.join(', ');
}

export function toImpactedGql(dataModel: CmdbDataModel, index: ImpactIndex, impacted: ImpactedCi): ImpactedCiGql {
  return {
    ciId: impacted.id,
    classId: impacted.classId,
    name: impacted.name,
    depth: impacted.depth,
    service: impacted.service,
    path: toPathGql(dataModel, index, impacted.path),
    explanation: explain(dataModel, index, impacted),
    redundancy: impacted.redundancy === null ? null : { ...impacted.redundancy, unavailableMembers: [...impacted.redundancy.unavailableMembers] },
  };
}

export function toImpactGql(dataModel: CmdbDataModel, index: ImpactIndex, result: ImpactResult): ImpactAnalysisGql {
  return {
    direction: result.direction,
    origins: [...result.origins],
    unknownOrigins: [...result.unknownOrigins],
    impacted: result.impacted.map((i) => toImpactedGql(dataModel, index, i)),
    services: result.services.map((i) => toImpactedGql(dataModel, index, i)),
    totalImpacted: result.totalImpacted,
    totalServices: result.totalServices,
    truncated: result.truncated,
    depthLimitReached: result.depthLimitReached,
    redundancyHeld: result.redundancyHeld.map((h) => ({ ciId: h.id, name: h.name, redundancy: { ...h.redundancy, unavailableMembers: [...h.redundancy.unavailableMembers] } })),
  };
}

export function toAffectedGql(dataModel: CmdbDataModel, index: ImpactIndex, impacted: ImpactedCi): AffectedServiceGql {
  return { ciId: impacted.id, classId: impacted.classId, name: impacted.name, depth: impacted.depth, explanation: explain(dataModel, index, impacted), path: toPathGql(dataModel, index, impacted.path) };
}

export function toClassGql(dataModel: CmdbDataModel, cls: CiClass): CiClassGql {
  const resolved = dataModel.resolve(cls.id);
  return {
    id: cls.id,
    label: cls.label,
    parentId: cls.parentId,
    abstract: cls.abstract,
    builtIn: cls.builtIn,
    version: cls.version,
    lineage: [...resolved.lineage],
    attributes: [...resolved.attributes.values()].map((a) => ({ name: a.name, label: a.label, type: a.type, required: a.required, values: a.values ? [...a.values] : null, min: a.min ?? null, max: a.max ?? null, maxLength: a.maxLength ?? null, declaredBy: a.declaredBy })),
    identificationRules: resolved.rules.map((r) => ({ attributes: [...r.attributes], perClass: r.perClass, declaredBy: r.declaredBy })),
  };
}

export function toRelationshipTypeGql(type: RelationshipType): RelationshipTypeGql {
  return { ...type, rules: type.rules.map((r) => ({ ...r })) };
}

export function toSourceGql(source: DiscoverySource): DiscoverySourceGql {
  return {
    id: source.id,
    label: source.label,
    precedence: source.precedence,
    attributePrecedence: Object.entries(source.attributePrecedence).map(([attribute, precedence]) => ({ attribute, precedence })),
    mayCreate: source.mayCreate,
    verificationKeys: source.verificationKeys.map(sourceKeySummary),
    builtIn: source.builtIn,
    version: source.version,
  };
}
