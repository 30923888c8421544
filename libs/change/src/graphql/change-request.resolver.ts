import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { RequestChangeCommand, RequestChangeHandler, RequestStandardChangeCommand, RequestStandardChangeHandler, UpdateChangeCommand, UpdateChangeHandler } from '../application/commands';
import { ChangeError, ChangeErrorCode } from '../domain';
import { plansOf, toChangeGql, windowOf } from './change-graphql.mapper';
import { changeErrorFilter } from './change-error.filter';
import { CHANGE_EDITORS, CHANGE_REQUESTERS } from './change-role-sets';
import { RequestChangeInput, RequestStandardChangeInput, UpdateChangeInput } from './change.inputs';
import { ChangeGql } from './change.types';

/** Raising changes (normal, emergency, standard from a template) and editing their details. */
@Resolver(() => ChangeGql)
@UseFilters(changeErrorFilter)
export class ChangeRequestResolver {
  constructor(
    private readonly request: RequestChangeHandler,
    private readonly requestStandard: RequestStandardChangeHandler,
    private readonly update: UpdateChangeHandler,
  ) {}

  @Mutation(() => ChangeGql, { description: 'A normal or emergency change, New' })
  @Roles(...CHANGE_REQUESTERS)
  async requestChange(@CurrentPrincipal() viewer: Principal, @Args('input') input: RequestChangeInput): Promise<ChangeGql> {
    if (input.model === 'standard') throw new ChangeError(ChangeErrorCode.InvalidInput, 'model: standard changes are requested from a template (requestStandardChange)', { field: 'model' });
    const command = new RequestChangeCommand({
      model: input.model,
      title: input.title,
      description: input.description,
      ...(input.requesterId === undefined ? {} : { requesterId: input.requesterId }),
      assignmentGroupId: input.assignmentGroupId ?? null,
      assigneeId: input.assigneeId ?? null,
      configurationItemIds: input.configurationItemIds,
      serviceIds: input.serviceIds,
      plans: plansOf(input.plans),
      planned: windowOf(input.planned),
    });
    return toChangeGql(await this.request.execute(viewer, command));
  }

  @Mutation(() => ChangeGql, { description: 'A standard change from a published template: pre-approved, straight to Scheduled' })
  @Roles(...CHANGE_REQUESTERS)
  async requestStandardChange(@CurrentPrincipal() viewer: Principal, @Args('input') input: RequestStandardChangeInput): Promise<ChangeGql> {
    const { templateId, ...rest } = input;
    return toChangeGql(await this.requestStandard.execute(viewer, new RequestStandardChangeCommand(templateId, rest)));
  }

  @Mutation(() => ChangeGql, { description: 'Edits a change\'s details (before implementation; afterwards only description and assignment)' })
  @Roles(...CHANGE_EDITORS)
  async updateChange(@CurrentPrincipal() viewer: Principal, @Args('input') input: UpdateChangeInput): Promise<ChangeGql> {
    const { id, plans, planned, ...rest } = input;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
    const patch = { ...defined, ...(plans === undefined || plans === null ? {} : { plans: plansOf(plans) }), ...(planned === undefined ? {} : { planned: windowOf(planned) }) };
    return toChangeGql(await this.update.execute(viewer, new UpdateChangeCommand(id, patch)));
  }
}
