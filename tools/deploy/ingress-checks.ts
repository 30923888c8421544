import type { CheckResult, DeployModel } from './deploy-model';
import { arrayAt, at, docsOfKind, isRecord, nameOf, result, selects, stringAt, stringMap, where } from './deploy-model';
import { ingressBackends } from './network-flows';
import { podLabels } from './pod-env';

/** The ingress controller the network policies admit (CLUSTER_COMPONENTS.ingress) serves this class. */
export const INGRESS_CLASS = 'nginx';

/**
 * The Services the Ingress may expose, each with why: the gateway (the federated GraphQL API: it
 * authenticates every request, the subgraphs stay behind it) and the portal's static server on any
 * path; a
 * context only on the path prefixes it declares (`httpRoutes`), never its subgraph, metrics or health.
 * A context that declares an edge route but is not listed here is refused: exposing a service is a
 * decision, written down.
 */
export const EDGE_EXPOSURE: Readonly<Record<string, { readonly paths: 'all' | 'declared'; readonly reason: string }>> = {
  gateway: { paths: 'all', reason: 'the GraphQL API (/graphql) the portals call; it verifies every token and federates the subgraphs' },
  portal: { paths: 'all', reason: "the portal's static build, its client routes and /portal-config.json: public files, no data (its server reads no token)" },
  directory: { paths: 'declared', reason: 'SCIM 2.0 provisioning by the identity provider (/scim/v2), bearer-token authenticated' },
  change: { paths: 'declared', reason: "CI/CD pipelines ask the deployment gate (/change/v1/gate) with their pipeline tokens" },
  notification: { paths: 'declared', reason: 'signed acknowledgement links of on-call pages (/notification/v1/ack)' },
  supplier: { paths: 'declared', reason: "suppliers' signed TMF621 updates (/tmf-api/supplier/v1), each message's signature checked against that supplier's keys" },
  reporting: { paths: 'declared', reason: 'CSV exports of the reports (/reporting/v1), with the same bearer tokens and scoping as GraphQL' },
};

/** nginx's size syntax (`256k`, `1m`, bytes without a unit): bytes, or undefined when unreadable. */
export function nginxBytes(value: string | undefined): number | undefined {
  const match = /^(\d+)([kKmMgG]?)$/.exec(value ?? '');
  if (match?.[1] === undefined) return undefined;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? '').toLowerCase()] ?? 1;
  return Number(match[1]) * unit;
}

const BODY_SIZE = 'nginx.ingress.kubernetes.io/proxy-body-size';

/**
 * The edge: every Ingress is of the class whose controller the policies admit; each of its paths
 * routes to a Service of deploy/ on one of its ports, of an app EDGE_EXPOSURE lists (the gateway on
 * any path, a context on its declared prefixes only); every path prefix a context serves at the edge
 * (its declared `httpRoutes`) has an Ingress path of type Prefix to a Service selecting that
 * context's Deployment, on an Ingress whose body limit is the one the context declares for it; each
 * web app's path (the portal's `/`) routes to it. That
 * the ingress controller may reach those pods is checkNetworkFlows' part (it derives a flow from
 * every Ingress path).
 */
export function checkEdgeRoutes(model: DeployModel): CheckResult {
  const problems: string[] = [];
  for (const ingress of docsOfKind(model, 'networking.k8s.io/v1', 'Ingress')) {
    const ingressClass = stringAt(ingress.obj, 'spec', 'ingressClassName');
    if (ingressClass !== INGRESS_CLASS) problems.push(`${where(ingress)}: ingressClassName is ${ingressClass ?? 'unset'}, not ${INGRESS_CLASS} (the controller the network policies admit)`);
  }
  const services = docsOfKind(model, 'v1', 'Service');
  const deployments = docsOfKind(model, 'apps/v1', 'Deployment');
  const appOf = (serviceName: string) => {
    const service = services.find((doc) => nameOf(doc) === serviceName);
    const deployment = deployments.find((doc) => service !== undefined && selects(stringMap(at(service.obj, 'spec', 'selector')), podLabels(doc)));
    return deployment === undefined ? undefined : nameOf(deployment);
  };
  const backends = ingressBackends(model);
  for (const backend of backends) {
    const service = services.find((doc) => nameOf(doc) === backend.service);
    const ports = arrayAt(service?.obj, 'spec', 'ports').filter(isRecord);
    if (!ports.some((port) => port['port'] === backend.port || port['name'] === backend.port)) {
      problems.push(`${where(backend.ingress)} path ${backend.path}: routes to ${backend.service}:${backend.port}, which is no Service port of deploy/`);
    }
    const app = appOf(backend.service);
    const exposure = app === undefined ? undefined : EDGE_EXPOSURE[app];
    const declared = model.services.find((s) => s.name === app)?.edgeRoutes ?? [];
    if (app === undefined || exposure === undefined) {
      problems.push(`${where(backend.ingress)} path ${backend.path}: exposes ${app ?? backend.service}, which EDGE_EXPOSURE (tools/deploy/ingress-checks.ts) does not list`);
    } else if (exposure.paths === 'declared' && !declared.some((route) => route.prefix === backend.path)) {
      problems.push(`${where(backend.ingress)} path ${backend.path}: ${app} is exposed on its declared routes only (${declared.map((route) => route.prefix).join(', ') || 'none'}), not its subgraph or other paths`);
    }
  }
  for (const app of model.services) {
    const deployment = deployments.find((doc) => nameOf(doc) === app.name);
    if ((app.edgeRoutes ?? []).length > 0 && EDGE_EXPOSURE[app.name] === undefined) {
      problems.push(`${app.name} declares edge routes but EDGE_EXPOSURE (tools/deploy/ingress-checks.ts) does not list it with a reason`);
    }
    for (const { prefix, maxBodyBytes } of app.edgeRoutes ?? []) {
      const routes = backends.filter((backend) => backend.path === prefix && backend.pathType === 'Prefix' && deployment !== undefined && appOf(backend.service) === app.name);
      if (routes.length === 0) problems.push(`${app.name} serves ${prefix} at the edge: no Ingress path ${prefix} (pathType Prefix) routes to a Service of Deployment/${app.name}`);
      if (maxBodyBytes === undefined) continue;
      for (const route of routes) {
        const limit = stringAt(route.ingress.obj, 'metadata', 'annotations', BODY_SIZE);
        if (nginxBytes(limit) !== maxBodyBytes) {
          problems.push(`${where(route.ingress)} path ${prefix}: ${BODY_SIZE} is ${limit ?? 'unset (1m)'}, ${app.name} reads at most ${maxBodyBytes} bytes there (${maxBodyBytes / 1024}k)`);
        }
      }
    }
  }
  for (const app of model.webApps) {
    if (!backends.some((backend) => backend.path === app.edgePath && backend.pathType === 'Prefix' && appOf(backend.service) === app.name)) {
      problems.push(`${app.name} is served at ${app.edgePath}: no Ingress path ${app.edgePath} (pathType Prefix) routes to a Service of Deployment/${app.name}`);
    }
  }
  return result(`edge: every Ingress is of class ${INGRESS_CLASS} and routes to Services EDGE_EXPOSURE allows; the contexts' edge routes (${model.services.flatMap((s) => (s.edgeRoutes ?? []).map((r) => r.prefix)).join(', ')}) have their Ingress paths and body limits`, problems);
}
