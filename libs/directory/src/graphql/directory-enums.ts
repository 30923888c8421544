import { registerDomainEnum } from '@itsm/platform/graphql';
import { GROUP_KINDS, ORGANISATION_KINDS } from '../domain';
import { DirectorySchema } from './directory.schema-marker';

export const OrganisationKindGql = registerDomainEnum(ORGANISATION_KINDS, { name: 'OrganisationKind', registerIn: DirectorySchema });
export const GroupKindGql = registerDomainEnum(GROUP_KINDS, { name: 'GroupKind', registerIn: DirectorySchema });
