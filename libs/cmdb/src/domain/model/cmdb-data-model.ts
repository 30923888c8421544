import { CmdbError, CmdbErrorCode } from '../cmdb.errors';
import { checkAttributeValue, coerceAttributeText } from './attribute-values';
import type { AttributeDefinition, CiClass, DiscoverySource, IdentificationRule } from './ci-class';
import { ATTRIBUTE_TYPES, MAX_SOURCE_KEYS } from './ci-class';
import type { Attributes, AttributeValue } from './ci';
import type { RelationshipType } from './relationship-type';

const ID = /^[a-z][a-z0-9_]{1,62}$/;
const SOURCE_ID = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
const MAX_ATTRIBUTES = 200;

export interface ResolvedAttribute extends AttributeDefinition {
  readonly declaredBy: string;
}

export interface ResolvedRule extends IdentificationRule {
  readonly declaredBy: string;
}

/** A class with everything it inherits: attributes and identification rules, own rules first. */
export interface ResolvedClass {
  readonly cls: CiClass;
  /** The class, its parent, ..., the root. */
  readonly lineage: readonly string[];
  readonly attributes: ReadonlyMap<string, ResolvedAttribute>;
  readonly rules: readonly ResolvedRule[];
  /** A business service, service offering or application service (service mapping). */
  readonly service: boolean;
}

function invalidClass(message: string, details: Record<string, string | number | boolean | null> = {}): CmdbError {
  return new CmdbError(CmdbErrorCode.InvalidClass, message, details);
}

/**
 * The CMDB's data model as data: classes, relationship types and discovery sources. Immutable: an
 * admin change produces a new data model through `withClass` / `withRelationshipType` / `withSource`,
 * which validate it whole, so a bad definition never replaces a good one.
 */
export class CmdbDataModel {
  private readonly classesById: ReadonlyMap<string, CiClass>;
  private readonly typesById: ReadonlyMap<string, RelationshipType>;
  private readonly sourcesById: ReadonlyMap<string, DiscoverySource>;
  private readonly resolved = new Map<string, ResolvedClass>();

  constructor(classes: readonly CiClass[], types: readonly RelationshipType[], sources: readonly DiscoverySource[]) {
    this.classesById = new Map(classes.map((c) => [c.id, c]));
    this.typesById = new Map(types.map((t) => [t.id, t]));
    this.sourcesById = new Map(sources.map((s) => [s.id, s]));
  }

  classes(): readonly CiClass[] {
    return [...this.classesById.values()];
  }

  relationshipTypes(): readonly RelationshipType[] {
    return [...this.typesById.values()];
  }

  sources(): readonly DiscoverySource[] {
    return [...this.sourcesById.values()];
  }

  findClass(id: string): CiClass | undefined {
    return this.classesById.get(id);
  }

  findRelationshipType(id: string): RelationshipType | undefined {
    return this.typesById.get(id);
  }

  findSource(id: string): DiscoverySource | undefined {
    return this.sourcesById.get(id);
  }

  relationshipType(id: string): RelationshipType {
    const type = this.typesById.get(id);
    if (type === undefined) throw new CmdbError(CmdbErrorCode.UnknownRelationshipType, `unknown relationship type ${id}`, { typeId: id });
    return type;
  }

  source(id: string): DiscoverySource {
    const source = this.sourcesById.get(id);
    if (source === undefined) throw new CmdbError(CmdbErrorCode.UnknownSource, `unknown discovery source ${id}`, { source: id });
    return source;
  }

  /** The class with what it inherits; CMDB.UNKNOWN_CLASS when there is none. */
  resolve(classId: string): ResolvedClass {
    const cached = this.resolved.get(classId);
    if (cached) return cached;
    const cls = this.classesById.get(classId);
    if (cls === undefined) throw new CmdbError(CmdbErrorCode.UnknownClass, `unknown CI class ${classId}`, { classId });
    const chain: CiClass[] = [];
    for (let current: CiClass | undefined = cls; current !== undefined; current = current.parentId === null ? undefined : this.classesById.get(current.parentId)) {
      if (chain.includes(current)) throw invalidClass(`class ${classId} inherits from itself`, { classId });
      chain.push(current);
    }
    const attributes = new Map<string, ResolvedAttribute>();
    for (const ancestor of [...chain].reverse()) for (const a of ancestor.attributes) attributes.set(a.name, { ...a, declaredBy: ancestor.id });
    const rules = chain.flatMap((c) => c.identificationRules.map((r) => ({ ...r, declaredBy: c.id })));
    const lineage = chain.map((c) => c.id);
    const result: ResolvedClass = { cls, lineage, attributes, rules, service: lineage.includes('service') };
    this.resolved.set(classId, result);
    return result;
  }

  isA(classId: string, ancestorId: string): boolean {
    return this.classesById.has(classId) && this.resolve(classId).lineage.includes(ancestorId);
  }

  /** A class CIs may be created in: known and not abstract. */
  concreteClass(classId: string): ResolvedClass {
    const resolved = this.resolve(classId);
    if (resolved.cls.abstract) throw new CmdbError(CmdbErrorCode.AbstractClass, `class ${classId} is abstract: choose one of its subclasses`, { classId });
    return resolved;
  }

  /**
   * Values typed against the class: every attribute must be declared along the class's lineage and
   * hold its type. `complete`: required attributes must be present (a new CI).
   */
  checkAttributes(classId: string, attributes: Attributes, complete: boolean): Record<string, AttributeValue> {
    const resolved = this.resolve(classId);
    const names = Object.keys(attributes);
    if (names.length > MAX_ATTRIBUTES) throw new CmdbError(CmdbErrorCode.InvalidAttribute, `at most ${MAX_ATTRIBUTES} attributes`, { attribute: null, expected: null });
    const checked: Record<string, AttributeValue> = {};
    for (const name of names) {
      const definition = resolved.attributes.get(name);
      if (definition === undefined) throw new CmdbError(CmdbErrorCode.InvalidAttribute, `class ${classId} has no attribute ${name}`, { attribute: name, expected: null });
      checked[name] = checkAttributeValue(definition, attributes[name] ?? null);
    }
    if (complete) {
      for (const definition of resolved.attributes.values()) {
        if (definition.required && (checked[definition.name] === undefined || checked[definition.name] === null)) {
          throw new CmdbError(CmdbErrorCode.InvalidAttribute, `attribute ${definition.name} is required for class ${classId}`, { attribute: definition.name, expected: definition.type });
        }
      }
    }
    return checked;
  }

  /** CMDB.FORBIDDEN_RELATIONSHIP unless one of the type's rules admits the two classes (subclasses included). */
  checkRelationship(typeId: string, sourceClassId: string, targetClassId: string): RelationshipType {
    const type = this.relationshipType(typeId);
    const admitted = type.rules.some((rule) => this.isA(sourceClassId, rule.sourceClassId) && this.isA(targetClassId, rule.targetClassId));
    if (!admitted) {
      throw new CmdbError(CmdbErrorCode.ForbiddenRelationship, `a ${sourceClassId} may not ${type.name} a ${targetClassId}`, { typeId, sourceClassId, targetClassId });
    }
    return type;
  }

  /** The data model with this class added or changed; CMDB.INVALID_CLASS says what is wrong. */
  withClass(cls: CiClass): CmdbDataModel {
    if (!ID.test(cls.id)) throw invalidClass(`class id ${cls.id} must be lower_snake_case, 2-63 characters`, { classId: cls.id });
    if (cls.label.trim() === '' || cls.label.length > 120) throw invalidClass('a class label has 1-120 characters', { classId: cls.id });
    const previous = this.classesById.get(cls.id);
    if (previous?.builtIn && (previous.parentId !== cls.parentId || previous.abstract !== cls.abstract)) {
      throw invalidClass(`built-in class ${cls.id} keeps its parent and abstractness; add attributes or rules only`, { classId: cls.id });
    }
    if (previous && previous.parentId !== cls.parentId) throw invalidClass(`class ${cls.id} cannot move to another parent`, { classId: cls.id });
    if (cls.parentId === null && previous === undefined) throw invalidClass('a new class needs a parent (the root is ci)', { classId: cls.id });
    if (cls.parentId !== null && !this.classesById.has(cls.parentId)) throw invalidClass(`unknown parent class ${cls.parentId}`, { classId: cls.id, parentId: cls.parentId });
    const seen = new Set<string>();
    for (const a of cls.attributes) {
      if (!/^[a-z][a-z0-9_]{0,62}$/.test(a.name)) throw invalidClass(`attribute name ${a.name} must be lower_snake_case`, { classId: cls.id, attribute: a.name });
      if (seen.has(a.name)) throw invalidClass(`attribute ${a.name} is declared twice`, { classId: cls.id, attribute: a.name });
      seen.add(a.name);
      if (!(ATTRIBUTE_TYPES as readonly string[]).includes(a.type)) throw invalidClass(`attribute ${a.name} has unknown type ${a.type}`, { classId: cls.id, attribute: a.name });
      if (a.type === 'enum' && (a.values === undefined || a.values.length === 0 || a.values.length > 200 || new Set(a.values).size !== a.values.length || a.values.some((v) => v === '' || v.length > 100))) {
        throw invalidClass(`enum attribute ${a.name} needs 1-200 distinct, non-empty values`, { classId: cls.id, attribute: a.name });
      }
      if (a.min !== undefined && a.max !== undefined && a.min > a.max) throw invalidClass(`attribute ${a.name}: min above max`, { classId: cls.id, attribute: a.name });
      if (a.maxLength !== undefined && (!Number.isInteger(a.maxLength) || a.maxLength < 1 || a.maxLength > 4_000)) throw invalidClass(`attribute ${a.name}: maxLength is 1-4000`, { classId: cls.id, attribute: a.name });
    }
    for (const old of previous?.attributes ?? []) {
      const now = cls.attributes.find((a) => a.name === old.name);
      if (now === undefined || now.type !== old.type) {
        throw invalidClass(`attribute ${old.name} of ${cls.id} cannot be removed or retyped: CIs hold values of it`, { classId: cls.id, attribute: old.name });
      }
    }
    const next = new CmdbDataModel([...this.classesById.values()].filter((c) => c.id !== cls.id).concat(cls), this.relationshipTypes(), this.sources());
    // Names are unique along every lineage: check this class and every class below it.
    for (const c of next.classes()) {
      const resolved = next.resolve(c.id);
      if (!resolved.lineage.includes(cls.id)) continue;
      const names = new Set<string>();
      for (const id of resolved.lineage) {
        for (const a of next.classesById.get(id)?.attributes ?? []) {
          if (names.has(a.name)) throw invalidClass(`attribute ${a.name} is already declared along the lineage of ${c.id}`, { classId: cls.id, attribute: a.name });
          names.add(a.name);
        }
      }
    }
    const own = next.resolve(cls.id);
    if (cls.identificationRules.length > 10) throw invalidClass('at most 10 identification rules', { classId: cls.id });
    for (const rule of cls.identificationRules) {
      if (rule.attributes.length === 0 || rule.attributes.length > 5) throw invalidClass('an identification rule names 1-5 attributes', { classId: cls.id });
      for (const name of rule.attributes) {
        if (!own.attributes.has(name)) throw invalidClass(`identification rule names unknown attribute ${name}`, { classId: cls.id, attribute: name });
      }
    }
    return next;
  }

  withRelationshipType(type: RelationshipType): CmdbDataModel {
    const fail = (message: string) => new CmdbError(CmdbErrorCode.InvalidRelationshipType, message, { typeId: type.id });
    if (!ID.test(type.id)) throw fail(`relationship type id ${type.id} must be lower_snake_case, 2-63 characters`);
    for (const text of [type.name, type.inverseName]) if (text.trim() === '' || text.length > 80) throw fail('names have 1-80 characters');
    if (!['target_to_source', 'source_to_target', 'none'].includes(type.propagation)) throw fail(`unknown propagation ${type.propagation}`);
    if (type.membership && type.propagation !== 'source_to_target') throw fail('a membership type propagates from the member (source) to the group (target)');
    if (type.rules.length === 0 || type.rules.length > 500) throw fail('a relationship type needs 1-500 class rules');
    for (const rule of type.rules) {
      for (const id of [rule.sourceClassId, rule.targetClassId]) if (!this.classesById.has(id)) throw fail(`rule names unknown class ${id}`);
    }
    const previous = this.typesById.get(type.id);
    if (previous?.builtIn) {
      if (previous.propagation !== type.propagation || previous.membership !== type.membership || previous.name !== type.name || previous.inverseName !== type.inverseName) {
        throw fail(`built-in relationship type ${type.id} keeps its names and impact semantics; add class rules only`);
      }
      const kept = previous.rules.every((r) => type.rules.some((n) => n.sourceClassId === r.sourceClassId && n.targetClassId === r.targetClassId));
      if (!kept) throw fail(`built-in relationship type ${type.id} keeps its class rules; add rules only`);
    }
    return new CmdbDataModel(this.classes(), this.relationshipTypes().filter((t) => t.id !== type.id).concat(type), this.sources());
  }

  withSource(source: DiscoverySource): CmdbDataModel {
    const fail = (message: string) => new CmdbError(CmdbErrorCode.InvalidSource, message, { source: source.id });
    if (!SOURCE_ID.test(source.id)) throw fail(`source id ${source.id} must be lower case letters, digits, . _ -`);
    if (source.label.trim() === '' || source.label.length > 120) throw fail('a source label has 1-120 characters');
    const precedences = [source.precedence, ...Object.values(source.attributePrecedence)];
    if (!precedences.every((p) => Number.isInteger(p) && p >= 0 && p <= 1_000)) throw fail('precedences are integers 0-1000');
    if (source.verificationKeys.length > MAX_SOURCE_KEYS) throw fail(`a source has at most ${MAX_SOURCE_KEYS} verification keys (two during a rotation)`);
    if (new Set(source.verificationKeys).size !== source.verificationKeys.length) throw fail('a verification key is given twice');
    for (const name of Object.keys(source.attributePrecedence)) {
      if (![...this.classesById.keys()].some((id) => this.resolve(id).attributes.has(name))) throw fail(`no class has attribute ${name}`);
    }
    return new CmdbDataModel(this.classes(), this.relationshipTypes(), this.sources().filter((s) => s.id !== source.id).concat(source));
  }

  /** The precedence a source has over one attribute. */
  precedenceOf(sourceId: string, attribute: string): number {
    const source = this.sourcesById.get(sourceId);
    // A source deleted since it set a value holds nothing any longer.
    if (source === undefined) return -1;
    return source.attributePrecedence[attribute] ?? source.precedence;
  }
}

/** Attributes given as text (GraphQL) typed against the class; an unknown name is CMDB.INVALID_ATTRIBUTE. */
export function coerceAttributes(dataModel: CmdbDataModel, classId: string, entries: readonly { readonly name: string; readonly value: string | null }[]): Record<string, AttributeValue> {
  const resolved = dataModel.resolve(classId);
  const attributes: Record<string, AttributeValue> = {};
  for (const entry of entries) {
    const definition = resolved.attributes.get(entry.name);
    if (definition === undefined) throw new CmdbError(CmdbErrorCode.InvalidAttribute, `class ${classId} has no attribute ${entry.name}`, { attribute: entry.name, expected: null });
    if (Object.hasOwn(attributes, entry.name)) throw new CmdbError(CmdbErrorCode.InvalidAttribute, `attribute ${entry.name} is given twice`, { attribute: entry.name, expected: definition.type });
    attributes[entry.name] = coerceAttributeText(definition, entry.value);
  }
  return attributes;
}
