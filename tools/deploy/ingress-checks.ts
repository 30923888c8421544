import type { CheckResult, DeployModel } from './deploy-model';
import { arrayAt, at, docsOfKind, isRecord, nameOf, result, selects, stringAt, stringMap, where } from './deploy-model';
import { ingressBackends } from './network-flows';
import { podLabels } from './pod-env';

/** The ingress controller the network policies admit (CLUSTER_COMPONENTS.ingress) serves this class. */
export const INGRESS_CLASS = 'nginx';

/**
 * The edge: every Ingress is of the class whose controller the policies admit; each of its paths
 * routes to a Service of deploy/ on one of its ports; and every path prefix a context serves at the
 * edge (its declared routes with an unreachable answer: the directory's /scim/v2) has an Ingress
 * path of type Prefix to a Service selecting that context's Deployment. That the ingress controller
 * may reach those pods is checkNetworkFlows' part (it derives a flow from every Ingress path).
 */
export function checkEdgeRoutes(model: DeployModel): CheckResult {
  const problems: string[] = [];
  for (const ingress of docsOfKind(model, 'networking.k8s.io/v1', 'Ingress')) {
    const ingressClass = stringAt(ingress.obj, 'spec', 'ingressClassName');
    if (ingressClass !== INGRESS_CLASS) problems.push(`${where(ingress)}: ingressClassName is ${ingressClass ?? 'unset'}, not ${INGRESS_CLASS} (the controller the network policies admit)`);
  }
  const services = docsOfKind(model, 'v1', 'Service');
  const backends = ingressBackends(model);
  for (const backend of backends) {
    const service = services.find((doc) => nameOf(doc) === backend.service);
    const ports = arrayAt(service?.obj, 'spec', 'ports').filter(isRecord);
    if (!ports.some((port) => port['port'] === backend.port || port['name'] === backend.port)) {
      problems.push(`${where(backend.ingress)} path ${backend.path}: routes to ${backend.service}:${backend.port}, which is no Service port of deploy/`);
    }
  }
  const deployments = docsOfKind(model, 'apps/v1', 'Deployment');
  for (const app of model.services) {
    const deployment = deployments.find((doc) => nameOf(doc) === app.name);
    for (const prefix of app.edgeRoutes ?? []) {
      const routed = backends.some((backend) => {
        const service = services.find((doc) => nameOf(doc) === backend.service);
        return backend.path === prefix && backend.pathType === 'Prefix' && service !== undefined && deployment !== undefined
          && selects(stringMap(at(service.obj, 'spec', 'selector')), podLabels(deployment));
      });
      if (!routed) problems.push(`${app.name} serves ${prefix} at the edge: no Ingress path ${prefix} (pathType Prefix) routes to a Service of Deployment/${app.name}`);
    }
  }
  return result(`edge: every Ingress is of class ${INGRESS_CLASS} and routes to Services of deploy/; the contexts' edge routes (/scim/v2) have their Ingress paths`, problems);
}
