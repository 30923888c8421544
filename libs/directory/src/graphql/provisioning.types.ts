import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DirectorySchema } from './directory.schema-marker';

const registerIn = DirectorySchema;

@ObjectType('ProvisioningClient', { registerIn, description: 'An identity provider that provisions the directory over SCIM with its own bearer token' })
export class ProvisioningClientGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => ID, { nullable: true, description: 'The organisation it provisions (its people default to it); null: internal staff' }) organisationId!: string | null;
  @Field() createdBy!: string;
  @Field() createdAt!: string;
  @Field(() => String, { nullable: true }) revokedAt!: string | null;
}

@ObjectType('IssuedProvisioningToken', { registerIn, description: 'A new provisioning client and its token: shown this once, only its hash is kept' })
export class IssuedProvisioningTokenGql {
  @Field(() => ProvisioningClientGql) client!: ProvisioningClientGql;
  @Field({ description: 'The SCIM bearer token (itsm_scim_...)' }) token!: string;
}
