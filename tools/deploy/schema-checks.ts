import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { ScaledObject, TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import type { CheckResult, DeployModel, ManifestDoc } from './deploy-model';
import { kindOf, nameOf, result, stringAt, where } from './deploy-model';
import { kafkaTopicSchema, kafkaUserSchema, kustomizationSchema } from './strimzi-schemas';

type Validator = (obj: Record<string, unknown>) => string[];

/** A kubernetes-models class: its `validate()` checks the object against the Kubernetes OpenAPI schema. */
function model(Model: new (data: never) => { validate(): void }): Validator {
  return (obj) => {
    try {
      new Model(obj as never).validate();
      return [];
    } catch (error) {
      return [error instanceof Error ? error.message : String(error)];
    }
  };
}

function jsonSchema(validate: ValidateFunction): Validator {
  return (obj) => (validate(obj) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`));
}

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });

/** Every apiVersion/kind deploy/ may contain; anything else fails until it is handled here. */
export const VALIDATORS: Readonly<Record<string, Validator>> = {
  'v1/Namespace': model(Namespace),
  'v1/ConfigMap': model(ConfigMap),
  'v1/Secret': model(Secret),
  'v1/Service': model(Service),
  'v1/ServiceAccount': model(ServiceAccount),
  'apps/v1/Deployment': model(Deployment),
  'policy/v1/PodDisruptionBudget': model(PodDisruptionBudget),
  'autoscaling/v2/HorizontalPodAutoscaler': model(HorizontalPodAutoscaler),
  'networking.k8s.io/v1/NetworkPolicy': model(NetworkPolicy),
  'networking.k8s.io/v1/Ingress': model(Ingress),
  'keda.sh/v1alpha1/ScaledObject': model(ScaledObject),
  'keda.sh/v1alpha1/TriggerAuthentication': model(TriggerAuthentication),
  'kafka.strimzi.io/v1beta2/KafkaTopic': jsonSchema(ajv.compile(kafkaTopicSchema)),
  'kafka.strimzi.io/v1beta2/KafkaUser': jsonSchema(ajv.compile(kafkaUserSchema)),
  'kustomize.config.k8s.io/v1beta1/Kustomization': jsonSchema(ajv.compile(kustomizationSchema)),
};

function docProblems(doc: ManifestDoc): string[] {
  const validate = VALIDATORS[kindOf(doc)];
  if (validate === undefined) return [`${where(doc)}: unhandled kind ${kindOf(doc)} (add it to tools/deploy/schema-checks.ts)`];
  const isKustomization = doc.obj['kind'] === 'Kustomization';
  if (isKustomization !== doc.file.endsWith('/kustomization.yaml')) {
    return [`${where(doc)}: a Kustomization lives in kustomization.yaml, and only there`];
  }
  return validate(doc.obj).map((problem) => `${where(doc)}: ${problem}`);
}

/** Core kinds against the Kubernetes schemas, custom resources against theirs, no unknown kinds or duplicates. */
export function checkSchemas(model: DeployModel): CheckResult {
  const problems = model.docs.flatMap(docProblems);
  const seen = new Map<string, string>();
  for (const doc of model.docs.filter((d) => d.obj['kind'] !== 'Kustomization')) {
    const key = `${kindOf(doc)} ${stringAt(doc.obj, 'metadata', 'namespace') ?? ''}/${nameOf(doc)}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push(`${where(doc)}: duplicates ${first}`);
    else seen.set(key, where(doc));
  }
  return result(`manifests: ${model.docs.length} documents valid against kubernetes-models, KEDA, Strimzi v1beta2 and kustomize schemas`, problems);
}
