import type { CheckResult, DeployModel } from './deploy-model';
import { checkComposeEnv, checkComposeServices } from './compose-checks';
import { checkDeclaredWorkloads } from './declared-service-checks';
import { checkDockerfiles, checkRuntimeImports } from './image-checks';
import { checkKustomizations, checkNamespaces } from './kustomize-checks';
import { checkSchemas } from './schema-checks';
import { checkComposeSubgraphs, checkWorkloadSubgraphs } from './subgraph-checks';
import { checkComposeTopics, checkKafkaTopics, checkTopicPolicy } from './topic-checks';
import { checkDisruptionBudgets, checkPodHardening, checkPodReferences, checkProbes, checkServices, checkWorkloadEnv } from './workload-checks';

export type Check = (model: DeployModel) => CheckResult;

/** Every pure check, in the order they are printed. */
export const CHECKS: readonly Check[] = [
  checkSchemas,
  checkKustomizations,
  checkNamespaces,
  checkKafkaTopics,
  checkTopicPolicy,
  checkProbes,
  checkPodHardening,
  checkWorkloadEnv,
  checkPodReferences,
  checkServices,
  checkDisruptionBudgets,
  checkDeclaredWorkloads,
  checkWorkloadSubgraphs,
  checkComposeTopics,
  checkComposeServices,
  checkComposeEnv,
  checkComposeSubgraphs,
  checkDockerfiles,
  checkRuntimeImports,
];
