import type { AffectedService } from './agent-types';

export interface ImpactNode {
  readonly id: string;
  readonly label: string;
  /** origin: one of the incident's CIs; service: an affected service; hop: a CI between them. */
  readonly role: 'origin' | 'service' | 'hop';
}

export interface ImpactEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly label: string;
}

export interface ImpactHop {
  readonly from: string;
  readonly reading: string;
  readonly to: string;
}

/** One affected service's path as hops in words: db-01 "runs" app-01, app-01 "used by" Payments. */
export function hopsOf(service: AffectedService): ImpactHop[] {
  return service.path.map((step, index) => ({ from: step.ciName, reading: step.reading, to: service.path[index + 1]?.ciName ?? service.name }));
}

/**
 * The impact paths of an incident's affected services as one graph: each CI once, each relationship
 * once (paths share hops), the incident's CIs and the services marked.
 */
export function impactGraph(services: readonly AffectedService[]): { nodes: ImpactNode[]; edges: ImpactEdge[] } {
  const nodes = new Map<string, ImpactNode>();
  const edges = new Map<string, ImpactEdge>();
  const add = (node: ImpactNode) => {
    const known = nodes.get(node.id);
    // A service or origin mark wins over a plain hop.
    if (known === undefined || known.role === 'hop') nodes.set(node.id, node);
  };
  for (const service of services) {
    service.path.forEach((step, index) => {
      add({ id: step.ciId, label: step.ciName, role: index === 0 ? 'origin' : 'hop' });
      const target = service.path[index + 1]?.ciId ?? service.ciId;
      edges.set(`${step.relationshipId}:${step.ciId}`, { id: `${step.relationshipId}:${step.ciId}`, source: step.ciId, target, label: step.reading });
    });
    // A service that is itself one of the incident's CIs (no path) keeps its origin mark.
    add({ id: service.ciId, label: service.name, role: service.path.length === 0 ? 'origin' : 'service' });
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
