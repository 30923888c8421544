import type { CheckResult, DeployModel } from './deploy-model';
import { checkAutoscalers, checkConsumerScaling } from './autoscaling-checks';
import { checkComposeEnv, checkComposeServices } from './compose-checks';
import { checkDeclaredWorkloads } from './declared-service-checks';
import { checkDockerfiles, checkRuntimeImports } from './image-checks';
import { checkEdgeRoutes } from './ingress-checks';
import { checkKustomizations, checkNamespaces } from './kustomize-checks';
import { checkDefaultDeny, checkNetworkFlows, checkNetworkRules } from './network-checks';
import { checkRestrictedPodSecurity, checkTopologySpread } from './pod-security-checks';
import { checkSchemas } from './schema-checks';
import { checkComposeSubgraphs, checkWorkloadSubgraphs } from './subgraph-checks';
import { checkSupplierConnections } from './supplier-checks';
import { checkComposeTopics, checkKafkaTopics, checkTopicPolicy } from './topic-checks';
import { checkDisruptionBudgets, checkPodHardening, checkPodReferences, checkProbes, checkServices, checkTelemetryEnv, checkWorkloadEnv } from './workload-checks';

export type Check = (model: DeployModel) => CheckResult;

/** Every pure check, in the order they are printed. */
export const CHECKS: readonly Check[] = [
  checkSchemas,
  checkKustomizations,
  checkNamespaces,
  checkKafkaTopics,
  checkTopicPolicy,
  checkSupplierConnections,
  checkProbes,
  checkPodHardening,
  checkRestrictedPodSecurity,
  checkTopologySpread,
  checkWorkloadEnv,
  checkTelemetryEnv,
  checkPodReferences,
  checkServices,
  checkDisruptionBudgets,
  checkConsumerScaling,
  checkAutoscalers,
  checkDefaultDeny,
  checkNetworkFlows,
  checkNetworkRules,
  checkEdgeRoutes,
  checkDeclaredWorkloads,
  checkWorkloadSubgraphs,
  checkComposeTopics,
  checkComposeServices,
  checkComposeEnv,
  checkComposeSubgraphs,
  checkDockerfiles,
  checkRuntimeImports,
];
