import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { requiredText } from '../../../domain';
import type { ProvisioningClient } from '../../../domain';
import { requireUnbound } from '../../directory-command.errors';
import { newDirectoryId } from '../../directory-ids';
import { DirectoryReferences } from '../../directory-references.service';
import { PROVISIONING_CLIENT_STORE } from '../../ports/directory-stores.port';
import type { ProvisioningClientStore } from '../../ports/directory-stores.port';
import { provisioningTokens } from '../../provisioning-tokens';
import type { IssueProvisioningTokenCommand } from './issue-provisioning-token.command';

/** The new client and its token: the only time the token is told (only its hash is kept). */
export interface IssuedProvisioningToken {
  readonly client: ProvisioningClient;
  readonly token: string;
}

/** Issues a SCIM bearer token for one identity provider, optionally bound to an organisation. */
@Injectable()
export class IssueProvisioningTokenHandler {
  constructor(
    @Inject(PROVISIONING_CLIENT_STORE) private readonly clients: ProvisioningClientStore,
    @Inject(DirectoryReferences) private readonly references: DirectoryReferences,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ actor, name, organisationId }: IssueProvisioningTokenCommand): Promise<IssuedProvisioningToken> {
    requireUnbound(actor.organisationId, 'issue provisioning tokens');
    const clientName = requiredText(name, 'name', 200);
    await this.references.requireOrganisation(organisationId);
    const { token, hash } = provisioningTokens.issue();
    const client: ProvisioningClient = { id: newDirectoryId(), name: clientName, organisationId, createdBy: actor.by, createdAt: this.clock.now(), revokedAt: null };
    await this.clients.insert(client, hash);
    return { client, token };
  }
}
