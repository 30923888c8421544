import type { CheckResult, DeployModel } from './deploy-model';
import { arrayAt, deployedApps, docsOfKind, isRecord, nameOf, result, stringAt, where } from './deploy-model';
import { containersOf, namedPort } from './pod-env';

/**
 * Kubernetes runs exactly the declared apps (the platform's services and its static web apps): a
 * Deployment per app (its container named after it,
 * image itsm/<app>, the http port its declared port), no undeclared app Deployment, and the
 * production overlay pins each app's image.
 */
export function checkDeclaredWorkloads(model: DeployModel): CheckResult {
  const problems: string[] = [];
  const deployments = docsOfKind(model, 'apps/v1', 'Deployment');
  const apps = deployedApps(model);
  const declared = new Set(apps.map((app) => app.name));
  for (const doc of deployments) if (!declared.has(nameOf(doc))) problems.push(`${where(doc)}: runs an app that is not declared (apps/platform/src/contexts.ts, tools/deploy/deployables.ts DEPLOYABLES or WEB_APPS)`);
  for (const service of apps) {
    const doc = deployments.find((d) => nameOf(d) === service.name);
    if (doc === undefined) {
      problems.push(`deploy/: no Deployment for app ${service.name}`);
      continue;
    }
    const container = containersOf(doc).find((c) => c['name'] === service.name);
    if (container === undefined) {
      problems.push(`${where(doc)}: no container named ${service.name}`);
      continue;
    }
    if (!(stringAt(container, 'image') ?? '').startsWith(`itsm/${service.name}:`)) problems.push(`${where(doc)}: image must be itsm/${service.name}:<tag> (got ${stringAt(container, 'image') ?? 'none'})`);
    const port = namedPort(container, 'http');
    if (port !== service.port) problems.push(`${where(doc)}: the http containerPort (${String(port)}) must be ${service.name}'s declared port ${service.port}`);
  }
  const overlays = model.docs.filter((doc) => doc.file.startsWith('deploy/overlays/') && doc.obj['kind'] === 'Kustomization');
  for (const overlay of overlays) {
    const images = arrayAt(overlay.obj, 'images').filter(isRecord).map((image) => image['name']);
    for (const service of apps) if (!images.includes(`itsm/${service.name}`)) problems.push(`${overlay.file}: does not pin the image itsm/${service.name}`);
  }
  return result(`declared apps: a Deployment for each of the ${apps.length} apps on its declared port, images pinned by every overlay`, problems);
}
