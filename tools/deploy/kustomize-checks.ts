import { posix } from 'node:path';
import type { CheckResult, DeployModel } from './deploy-model';
import { arrayAt, nameOf, result, stringAt, where } from './deploy-model';

const isYaml = (file: string) => /\.ya?ml$/.test(file);
const isKustomization = (file: string) => posix.basename(file) === 'kustomization.yaml';

/** Every manifest is listed by a kustomization, and every listed resource exists. */
export function checkKustomizations(model: DeployModel): CheckResult {
  const problems: string[] = [];
  const files = new Set(model.deployFiles);
  const listed = new Set<string>();
  const kustomizations = model.docs.filter((doc) => doc.obj['kind'] === 'Kustomization');
  for (const file of model.deployFiles.filter(isKustomization)) {
    if (!kustomizations.some((doc) => doc.file === file)) problems.push(`${file}: holds no Kustomization`);
  }
  for (const doc of kustomizations) {
    const dir = posix.dirname(doc.file);
    for (const entry of arrayAt(doc.obj, 'resources')) {
      if (typeof entry !== 'string') continue;
      const target = posix.normalize(posix.join(dir, entry));
      if (files.has(target)) listed.add(target);
      else if (!files.has(`${target}/kustomization.yaml`)) problems.push(`${where(doc)}: resource ${entry} is neither a file nor a kustomization directory`);
    }
  }
  for (const file of model.deployFiles.filter((f) => isYaml(f) && !isKustomization(f))) {
    if (!listed.has(file)) problems.push(`${file}: not listed in any kustomization.yaml`);
  }
  return result(`kustomize: ${kustomizations.length} kustomizations list every manifest and only existing ones`, problems);
}

/** Namespaced resources declare the platform's Namespace, and kustomizations agree with it. */
export function checkNamespaces(model: DeployModel): CheckResult {
  const namespaces = model.docs.filter((doc) => doc.obj['kind'] === 'Namespace').map(nameOf);
  const problems: string[] = [];
  if (namespaces.length !== 1) problems.push(`expected exactly one Namespace, found ${namespaces.length}`);
  for (const doc of model.docs) {
    const kind = doc.obj['kind'];
    if (kind === 'Namespace') continue;
    const namespace = kind === 'Kustomization' ? stringAt(doc.obj, 'namespace') : stringAt(doc.obj, 'metadata', 'namespace');
    if (namespace === undefined && kind === 'Kustomization') continue;
    if (namespace === undefined || !namespaces.includes(namespace)) {
      problems.push(`${where(doc)}: namespace ${namespace ?? '<unset>'} is not the declared Namespace (${namespaces.join(', ')})`);
    }
  }
  return result(`namespace: every resource in the declared Namespace (${namespaces.join(', ')})`, problems);
}
