import { InputText } from '@itsm/platform/graphql';
import { Field, ID, InputType } from '@nestjs/graphql';
import { CatalogueSchema } from './catalogue.schema-marker';

const registerIn = CatalogueSchema;

@InputType('CatalogBundleItemInput', { registerIn })
export class CatalogBundleItemInput {
  @Field(() => ID) itemId!: string;
  @Field({ defaultValue: '{}', description: "Default values as a JSON object of name: value, checked against the item's current form" }) @InputText('document') defaults!: string;
}

@InputType('CatalogBundleInput', { registerIn })
export class CatalogBundleInput {
  @Field() name!: string;
  @Field({ defaultValue: '' }) @InputText('text') description!: string;
  @Field(() => ID) categoryId!: string;
  @Field(() => [CatalogBundleItemInput], { description: '2 to 20 distinct items, in order' }) items!: CatalogBundleItemInput[];
}
