import type { CheckResult, DeployModel } from './deploy-model';
import { arrayAt, at, docsOfKind, isRecord, nameOf, recordAt, result, where } from './deploy-model';
import { ENV_CONTRACTS, parseSubgraphs } from './env-contract';
import { composeEnv } from './compose-checks';
import { containerEnv, containersOf, podSources } from './pod-env';

/** A subgraph list names exactly the declared contexts' subgraphs. */
function coverageProblems(model: DeployModel, names: readonly string[], label: string): string[] {
  const declared = model.services.filter((service) => service.subgraph).map((service) => service.name);
  return [
    ...declared.filter((name) => !names.includes(name)).map((name) => `${label}: does not list the subgraph of context ${name}`),
    ...names.filter((name) => !declared.includes(name)).map((name) => `${label}: lists subgraph ${name}, which no context declares`),
  ];
}

/** The gateway's subgraph URLs name a Service of deploy/ and one of its ports, one per declared context. */
export function checkWorkloadSubgraphs(model: DeployModel): CheckResult {
  const problems: string[] = [];
  const services = docsOfKind(model, 'v1', 'Service');
  const sources = podSources(model);
  for (const doc of docsOfKind(model, 'apps/v1', 'Deployment')) {
    for (const container of containersOf(doc)) {
      const variable = ENV_CONTRACTS[String(container['name'])]?.subgraphList;
      if (variable === undefined) continue;
      const value = containerEnv(sources, container, where(doc)).env.get(variable) ?? '';
      const parsed = parseSubgraphs(value);
      problems.push(...parsed.problems.map((p) => `${where(doc)}: ${p}`));
      if (parsed.subgraphs.length === 0) problems.push(`${where(doc)}: ${variable} lists no subgraph`);
      problems.push(...coverageProblems(model, parsed.subgraphs.map((subgraph) => subgraph.name), `${where(doc)} ${variable}`));
      for (const subgraph of parsed.subgraphs) {
        const host = subgraph.host.split('.')[0] ?? '';
        const service = services.find((s) => nameOf(s) === host);
        const ports = arrayAt(service?.obj, 'spec', 'ports').filter(isRecord).map((p) => p['port']);
        if (service === undefined) problems.push(`${where(doc)}: subgraph ${subgraph.name} points at ${subgraph.host}, which is no Service in deploy/`);
        else if (!ports.includes(subgraph.port)) problems.push(`${where(doc)}: subgraph ${subgraph.name} uses port ${subgraph.port}, ${where(service)} exposes ${ports.join(', ')}`);
      }
    }
  }
  return result('subgraphs: the gateway (Kubernetes) reaches each declared context\'s subgraph through a Service and port of deploy/', problems);
}

/** The gateway's subgraph URLs name a compose service, its PORT, one per declared context, and the gateway waits for each to be healthy. */
export function checkComposeSubgraphs(model: DeployModel): CheckResult {
  const problems: string[] = [];
  const services = recordAt(model.compose, 'services');
  for (const [name, service] of Object.entries(services)) {
    const variable = ENV_CONTRACTS[name]?.subgraphList;
    if (variable === undefined) continue;
    const parsed = parseSubgraphs(composeEnv(service).get(variable) ?? '');
    problems.push(...parsed.problems.map((p) => `compose ${name}: ${p}`));
    if (parsed.subgraphs.length === 0) problems.push(`compose ${name}: ${variable} lists no subgraph`);
    problems.push(...coverageProblems(model, parsed.subgraphs.map((subgraph) => subgraph.name), `compose ${name} ${variable}`));
    for (const subgraph of parsed.subgraphs) {
      const target = services[subgraph.host];
      if (target === undefined) {
        problems.push(`compose ${name}: subgraph ${subgraph.name} points at ${subgraph.host}, which is no compose service`);
        continue;
      }
      const port = composeEnv(target).get('PORT');
      if (port !== String(subgraph.port)) problems.push(`compose ${name}: subgraph ${subgraph.name} uses port ${subgraph.port}, ${subgraph.host} listens on PORT ${port ?? 'unset'}`);
      if (at(service, 'depends_on', subgraph.host, 'condition') !== 'service_healthy') {
        problems.push(`compose ${name}: must depend on ${subgraph.host} with condition service_healthy`);
      }
    }
  }
  return result('subgraphs: the gateway (compose) reaches each declared context\'s subgraph on its PORT once healthy', problems);
}
