import { Inject, Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode } from '../../domain';
import type { GateTarget } from '../../domain';
import { ConfigurationItems } from '../ports';
import type { CiView } from '../ports';

/** The CI a gate request is about, or why there is none (`what` names what the pipeline gave, for the answer). */
export type ResolvedTarget = { readonly kind: 'ci'; readonly ciId: string } | { readonly kind: 'unknown'; readonly what: string };

const live = (ci: CiView | undefined): ci is CiView => ci !== undefined && !ci.retired;

/**
 * Resolves a gate request's CI through the change context's CMDB projection: a CI id as it is
 * (unknown or retired: none); an application service and an environment to the service CI of that
 * environment: the service itself when its `environment` attribute says so, else the one service CI
 * one relationship away that does (several: CHANGE.INVALID_INPUT, the pipeline must give the CI id).
 */
@Injectable()
export class GateTargets {
  constructor(@Inject(ConfigurationItems) private readonly cis: ConfigurationItems) {}

  async resolve(target: GateTarget): Promise<ResolvedTarget> {
    if (target.kind === 'ci') {
      const ci = (await this.cis.find([target.ciId])).get(target.ciId);
      return live(ci) ? { kind: 'ci', ciId: ci.id } : { kind: 'unknown', what: `CI ${target.ciId}` };
    }
    const what = `service ${target.serviceId} in ${target.environment}`;
    const service = (await this.cis.find([target.serviceId])).get(target.serviceId);
    if (!live(service) || !service.service) return { kind: 'unknown', what };
    if (service.attributes['environment'] === target.environment) return { kind: 'ci', ciId: service.id };
    const around = (await this.cis.neighbours([service.id])).get(service.id);
    const nearIds = around === undefined ? [] : [...new Set([...around.children, ...around.parents])];
    const near = [...(await this.cis.find(nearIds)).values()].filter((ci) => live(ci) && ci.service && ci.attributes['environment'] === target.environment);
    if (near.length > 1) {
      throw new ChangeError(ChangeErrorCode.InvalidInput, `${what} names ${near.length} service CIs: give ciId`, { field: 'service', candidates: near.map((ci) => ci.id).sort().join(',') });
    }
    return near[0] === undefined ? { kind: 'unknown', what } : { kind: 'ci', ciId: near[0].id };
  }
}
