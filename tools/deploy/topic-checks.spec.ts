import { deadLetterTopicOf, familyValueOf, PLATFORM_TOPIC_FAMILIES, supplierExchangeTopic } from '@itsm/contracts';
import type { DeployModel, ManifestDoc } from './deploy-model';
import { checkSupplierConnections } from './supplier-checks';
import { supplierResources, supplierTopics, SupplierIdError } from './supplier-connection';
import { checkKafkaTopics, familyMemberOf } from './topic-checks';

const families = PLATFORM_TOPIC_FAMILIES.map((family) => ({
  template: family.template,
  parameter: family.parameter.name,
  partitions: family.partitions,
  writer: family.writer,
  valueOf: (topic: string) => familyValueOf(family, topic),
}));

function topicDoc(name: string, partitions: number): Record<string, unknown> {
  return { apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'KafkaTopic', metadata: { name }, spec: { partitions } };
}

/** A model of the registry's one stream (and its .dlq) plus the given documents. */
function model(objs: readonly Record<string, unknown>[]): DeployModel {
  const docs: ManifestDoc[] = [topicDoc(supplierExchangeTopic.name, 12), topicDoc(`${supplierExchangeTopic.name}.dlq`, 12), ...objs].map((obj, index) => ({ file: 'deploy/x.yaml', index, obj }));
  return {
    docs,
    topics: [{ name: supplierExchangeTopic.name, partitions: 12 }],
    families,
    deadLetterTopicOf,
    services: [],
  } as unknown as DeployModel;
}

describe('topic checks and supplier families', () => {
  it('accepts a connected supplier\'s topics as members of their family', () => {
    const check = checkKafkaTopics(model(supplierResources('acme-2')));
    expect(check.problems).toEqual([]);
  });

  it('still flags a stray topic, one outside the family\'s pattern and a member with other partitions', () => {
    const check = checkKafkaTopics(model([topicDoc('itsm.stray.v1', 3), topicDoc('itsm.supplier.Acme.in.v1', 3), topicDoc('itsm.supplier.acme.out.v1', 12)]));
    expect(check.problems).toEqual([
      expect.stringContaining('topic itsm.stray.v1 is not in PLATFORM_TOPICS'),
      expect.stringContaining('topic itsm.supplier.Acme.in.v1 is not in PLATFORM_TOPICS'),
      expect.stringContaining('itsm.supplier.acme.out.v1 has 12 partitions, its family itsm.supplier.{supplierId}.out.v1 says 3'),
    ]);
  });

  it('gives a dead-letter topic only to the members the platform reads', () => {
    expect(familyMemberOf(families, 'itsm.supplier.acme.in.v1.dlq', deadLetterTopicOf)).toMatchObject({ value: 'acme', deadLetter: true });
    expect(familyMemberOf(families, 'itsm.supplier.acme.out.v1.dlq', deadLetterTopicOf)).toBeUndefined();
    expect(familyMemberOf(families, 'itsm.supplier.a.in.v1', deadLetterTopicOf)).toBeUndefined();
  });

  it('refuses a supplier id the families do not accept', () => {
    expect(() => supplierTopics('Acme_1')).toThrow(SupplierIdError);
    expect(supplierTopics('acme-2')).toEqual({ outbound: 'itsm.supplier.acme-2.out.v1', inbound: 'itsm.supplier.acme-2.in.v1', inboundDeadLetter: 'itsm.supplier.acme-2.in.v1.dlq' });
  });

  it('accepts a generated supplier user and flags one granting beyond its own topics', () => {
    expect(checkSupplierConnections(model(supplierResources('acme'))).problems).toEqual([]);
    const [out, inbound, dlq, user] = supplierResources('acme');
    const acls = (user?.['spec'] as { authorization: { acls: unknown[] } }).authorization.acls;
    acls.push({ resource: { type: 'topic', name: 'itsm.supplier.', patternType: 'prefix' }, operations: ['Read'] });
    const problems = checkSupplierConnections(model([out, inbound, dlq, user].filter((doc) => doc !== undefined))).problems;
    expect(problems).toEqual([expect.stringContaining("grants topic prefix itsm.supplier.: Read, beyond supplier acme's own topics")]);
  });
});
