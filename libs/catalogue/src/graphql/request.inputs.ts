import { InputText } from '@itsm/platform/graphql';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type { RequestState, TaskState } from '../domain/fulfilment';
import { CatalogueSchema } from './catalogue.schema-marker';
import { FulfilmentTaskStateGql, RequestStateGql } from './request.types';

const registerIn = CatalogueSchema;

@InputType('OrderLineInput', { registerIn, description: 'One catalogue item, or one bundle (each of its items, the same quantity): exactly one of itemId and bundleId' })
export class OrderLineInput {
  @Field(() => ID, { nullable: true }) @InputText('id') itemId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A published bundle: one requested item per item of it' }) @InputText('id') bundleId?: string | null;
  @Field(() => Int, { defaultValue: 1 }) quantity!: number;
  @Field({ defaultValue: '{}', description: 'The form values as a JSON object of name: value; for a bundle an object of item id: {name: value}, over the bundle defaults (null clears one)' })
  @InputText('document')
  variables!: string;
}

@InputType('OrderCatalogItemsInput', { registerIn })
export class OrderCatalogItemsInput {
  @Field(() => [OrderLineInput]) lines!: OrderLineInput[];
  @Field(() => ID, { nullable: true, description: 'Order on behalf of this person (their manager or an agent)' }) @InputText('id') requestedForId?: string | null;
}

@InputType('ServiceRequestFilter', { registerIn })
export class ServiceRequestFilter {
  @Field(() => [RequestStateGql], { nullable: true }) states?: RequestState[];
  @Field(() => ID, { nullable: true }) @InputText('id') requestedForId?: string;
  @Field(() => ID, { nullable: true }) @InputText('id') catalogItemId?: string;
}

@InputType('FulfilmentTaskFilter', { registerIn })
export class FulfilmentTaskFilter {
  @Field(() => ID, { nullable: true, description: 'One of your groups; none: all of them' }) @InputText('id') groupId?: string;
  @Field(() => [FulfilmentTaskStateGql], { nullable: true }) states?: TaskState[];
}
