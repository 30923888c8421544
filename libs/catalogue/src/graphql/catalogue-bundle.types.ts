import { Connection, registerDomainEnum } from '@itsm/platform/graphql';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { BUNDLE_STATUSES } from '../domain';
import type { BundleStatus } from '../domain';
import { CatalogueSchema } from './catalogue.schema-marker';
import { CatalogItemGql } from './portfolio.types';

const registerIn = CatalogueSchema;

export const CatalogBundleStatusGql = registerDomainEnum(BUNDLE_STATUSES, { name: 'CatalogBundleStatus', registerIn, description: 'draft -> published -> retired' });

@ObjectType('CatalogBundleItem', { registerIn, description: 'One item of a bundle: its current version (form as data) and the values the bundle starts it with' })
export class CatalogBundleItemGql {
  @Field(() => ID) itemId!: string;
  @Field({ description: 'The default values as JSON (an object of name: value)' }) defaults!: string;
  @Field(() => CatalogItemGql, { nullable: true, description: 'The item at its current version (null in a list, or when the item is gone)' }) item!: CatalogItemGql | null;
}

@ObjectType('CatalogBundle', { registerIn, description: 'Several catalogue items ordered at once, each its own requested item of one request' })
export class CatalogBundleGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() description!: string;
  @Field(() => ID) categoryId!: string;
  @Field(() => CatalogBundleStatusGql) status!: BundleStatus;
  @Field(() => [CatalogBundleItemGql]) items!: CatalogBundleItemGql[];
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

export const CatalogBundleConnectionGql = Connection(CatalogBundleGql, { name: 'CatalogBundle', registerIn });
