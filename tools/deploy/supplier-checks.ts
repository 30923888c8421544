import { aclGrants } from './autoscaling-checks';
import type { CheckResult, DeployModel, FamilyRead } from './deploy-model';
import { arrayAt, docsOfKind, isRecord, nameOf, recordAt, stringAt, result, where } from './deploy-model';
import { SUPPLIER_ID_LABEL, supplierAcls, SupplierIdError, supplierTopics, supplierUserName } from './supplier-connection';
import type { Acl } from './supplier-connection';
import { familyMemberOf } from './topic-checks';

const STRIMZI = 'kafka.strimzi.io/v1beta2';
/** A member of a family for the ACL checks of the service's own user (any valid id does). */
const sampleMember = (family: FamilyRead): string => family.template.replace(/\{[^}]+\}/, 'example');
const aclKey = (acl: Acl): string => `${acl.resource.type} ${acl.resource.patternType} ${acl.resource.name}: ${[...acl.operations].sort().join(',')}`;

function aclsOf(user: Record<string, unknown>): string[] {
  return arrayAt(user, 'spec', 'authorization', 'acls').filter(isRecord).map((acl) => {
    const resource = recordAt(acl, 'resource');
    return `${String(resource['type'])} ${stringAt(resource, 'patternType') ?? 'literal'} ${String(resource['name'])}: ${arrayAt(acl, 'operations').map(String).sort().join(',')}`;
  }).sort();
}

/**
 * The suppliers connected on Kubernetes (supplier-connection.ts): each supplier's KafkaUser (label
 * itsm.io/supplier-id) is named after an id the topic families accept and grants exactly its own
 * topics and groups, nothing else; its topics exist; every supplier topic in deploy/ has its
 * supplier's user. The services that publish or read the families reach every member by a prefix
 * ACL: write the members they publish, read the members they consume (and write their dead letters).
 */
export function checkSupplierConnections(model: DeployModel): CheckResult {
  const problems: string[] = [];
  const topicNames = new Set(docsOfKind(model, STRIMZI, 'KafkaTopic').map((doc) => stringAt(doc.obj, 'spec', 'topicName') ?? nameOf(doc)));
  const users = docsOfKind(model, STRIMZI, 'KafkaUser');
  const connected = new Set<string>();
  for (const user of users) {
    const id = stringAt(user.obj, 'metadata', 'labels', SUPPLIER_ID_LABEL);
    if (id === undefined) continue;
    let topics;
    try {
      topics = supplierTopics(id);
    } catch (error) {
      if (!(error instanceof SupplierIdError)) throw error;
      problems.push(`${where(user)}: ${error.message}`);
      continue;
    }
    connected.add(id);
    if (nameOf(user) !== supplierUserName(id)) problems.push(`${where(user)}: the KafkaUser of supplier ${id} must be named ${supplierUserName(id)}`);
    const expected = supplierAcls(id).map(aclKey).sort();
    const found = aclsOf(user.obj);
    for (const acl of found.filter((a) => !expected.includes(a))) problems.push(`${where(user)}: grants ${acl}, beyond supplier ${id}'s own topics and groups`);
    for (const acl of expected.filter((a) => !found.includes(a))) problems.push(`${where(user)}: lacks ${acl} (supplier ${id} could not use its channel)`);
    for (const topic of [topics.outbound, topics.inbound, topics.inboundDeadLetter]) {
      if (!topicNames.has(topic)) problems.push(`${where(user)}: supplier ${id}'s topic ${topic} has no KafkaTopic in deploy/`);
    }
  }
  for (const name of topicNames) {
    const member = familyMemberOf(model.families, name, model.deadLetterTopicOf);
    if (member !== undefined && !connected.has(member.value)) problems.push(`${name}: a supplier topic without the KafkaUser of supplier ${member.value} (npm run deploy:supplier -- ${member.value})`);
  }
  for (const app of model.services) {
    const user = users.find((doc) => nameOf(doc) === app.name);
    const needs: [string, string][] = [
      ...(app.ownsFamilies ?? []).flatMap((family) => [[sampleMember(family), 'Write'], [sampleMember(family), 'Describe']] as [string, string][]),
      ...app.consumers.flatMap((consumer) => consumer.families.flatMap((family) => [
        [sampleMember(family), 'Read'], [sampleMember(family), 'Describe'], [model.deadLetterTopicOf(sampleMember(family)), 'Write'],
      ] as [string, string][])),
    ];
    for (const [topic, operation] of needs) {
      if (!aclGrants(user, 'topic', topic, operation)) problems.push(`KafkaUser ${app.name}: grants no ${operation} on ${topic} (every member of its families, by a prefix ACL)`);
    }
  }
  return result(`suppliers: ${connected.size} connected suppliers' KafkaUsers reach their own topics only; the exchange reaches every supplier's`, problems);
}
