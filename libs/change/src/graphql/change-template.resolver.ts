import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  CreateChangeTemplateCommand,
  CreateChangeTemplateHandler,
  PublishChangeTemplateCommand,
  PublishChangeTemplateHandler,
  RetireChangeTemplateCommand,
  RetireChangeTemplateHandler,
  ReviseChangeTemplateCommand,
  ReviseChangeTemplateHandler,
} from '../application/commands';
import { FindChangeTemplatesHandler, FindChangeTemplatesQuery } from '../application/queries';
import { templateDetailsOf, templatePage, toTemplateGql } from './change-graphql.mapper';
import { changeErrorFilter } from './change-error.filter';
import { CHANGE_READERS } from './change-role-sets';
import { ChangeTemplateFilter, ChangeTemplateInput } from './change.inputs';
import { ChangeTemplateGql } from './change.types';

/** Standard change templates: everyone reads the published catalogue; admins draft, publish and retire. */
@Resolver(() => ChangeTemplateGql)
@UseFilters(changeErrorFilter)
export class ChangeTemplateResolver {
  constructor(
    private readonly find: FindChangeTemplatesHandler,
    private readonly creator: CreateChangeTemplateHandler,
    private readonly reviser: ReviseChangeTemplateHandler,
    private readonly publisher: PublishChangeTemplateHandler,
    private readonly retirer: RetireChangeTemplateHandler,
  ) {}

  @Query(() => [ChangeTemplateGql], { description: 'Templates by name (non-admins: published only); `after` is a template\'s cursor' })
  @Roles(...CHANGE_READERS)
  async changeTemplates(
    @CurrentPrincipal() viewer: Principal,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('filter', { nullable: true }) filter?: ChangeTemplateFilter,
  ): Promise<ChangeTemplateGql[]> {
    const request = templatePage({ first, after });
    return (await this.find.execute(viewer, new FindChangeTemplatesQuery(filter?.state, request.first, request.after))).map(toTemplateGql);
  }

  @Mutation(() => ChangeTemplateGql, { description: 'A draft template' })
  @Roles('admin')
  async createChangeTemplate(@Args('input') input: ChangeTemplateInput): Promise<ChangeTemplateGql> {
    return toTemplateGql(await this.creator.execute(new CreateChangeTemplateCommand(templateDetailsOf(input))));
  }

  @Mutation(() => ChangeTemplateGql, { description: 'Edits a draft template' })
  @Roles('admin')
  async reviseChangeTemplate(@Args('id', { type: () => ID }) id: string, @Args('input') input: ChangeTemplateInput): Promise<ChangeTemplateGql> {
    return toTemplateGql(await this.reviser.execute(new ReviseChangeTemplateCommand(id, templateDetailsOf(input))));
  }

  @Mutation(() => ChangeTemplateGql, { description: 'Draft -> Published (all three plans required)' })
  @Roles('admin')
  async publishChangeTemplate(@Args('id', { type: () => ID }) id: string): Promise<ChangeTemplateGql> {
    return toTemplateGql(await this.publisher.execute(new PublishChangeTemplateCommand(id)));
  }

  @Mutation(() => ChangeTemplateGql, { description: 'No new standard changes from it' })
  @Roles('admin')
  async retireChangeTemplate(@Args('id', { type: () => ID }) id: string): Promise<ChangeTemplateGql> {
    return toTemplateGql(await this.retirer.execute(new RetireChangeTemplateCommand(id)));
  }
}
