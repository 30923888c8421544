import { DirectoryErrorCode } from '../../../domain';
import { provisioningTokens } from '../../provisioning-tokens';
import { ADMIN, inMemoryDirectory } from '../../test-fixtures/in-memory-directory';
import { RevokeProvisioningTokenCommand } from '../revoke-provisioning-token/revoke-provisioning-token.command';
import { IssueProvisioningTokenCommand } from './issue-provisioning-token.command';

describe('provisioning tokens', () => {
  it('issues a token once, keeps only its hash, authenticates it until revoked', async () => {
    const directory = inMemoryDirectory();
    await directory.organisation('fabrikam');
    const { client, token } = await directory.issueToken.execute(new IssueProvisioningTokenCommand(ADMIN, ' Entra ID ', 'fabrikam'));
    expect(token).toMatch(/^itsm_scim_[A-Za-z0-9_-]{43}$/);
    expect(client).toMatchObject({ name: 'Entra ID', organisationId: 'fabrikam', createdBy: 'u-admin', revokedAt: null });
    expect(directory.clients.clients.get(client.id)?.tokenHash).toBe(provisioningTokens.hash(token));
    expect(JSON.stringify([...directory.clients.clients.values()])).not.toContain(token);
    expect(await directory.authenticator.authenticate(token)).toEqual(client);

    const revoked = await directory.revokeToken.execute(new RevokeProvisioningTokenCommand(ADMIN, client.id));
    expect(revoked.revokedAt).toEqual(directory.clock.now());
    await expect(directory.authenticator.authenticate(token)).rejects.toMatchObject({ code: DirectoryErrorCode.Unauthenticated });
  });

  it('refuses no token, a foreign one and a guessed one', async () => {
    const directory = inMemoryDirectory();
    await directory.issueToken.execute(new IssueProvisioningTokenCommand(ADMIN, 'Okta', null));
    for (const token of [undefined, 'Bearer x', `itsm_scim_${'A'.repeat(43)}`]) {
      await expect(directory.authenticator.authenticate(token)).rejects.toMatchObject({ code: DirectoryErrorCode.Unauthenticated });
    }
  });

  it('refuses a bound writer, an unknown organisation and an unknown client', async () => {
    const directory = inMemoryDirectory();
    await expect(directory.issueToken.execute(new IssueProvisioningTokenCommand({ by: 'scim:c1', organisationId: 'x' }, 'n', null))).rejects.toMatchObject({ code: DirectoryErrorCode.Forbidden });
    await expect(directory.issueToken.execute(new IssueProvisioningTokenCommand(ADMIN, 'n', 'nowhere'))).rejects.toMatchObject({ code: DirectoryErrorCode.OrganisationNotFound });
    await expect(directory.revokeToken.execute(new RevokeProvisioningTokenCommand(ADMIN, 'c-404'))).rejects.toMatchObject({ code: DirectoryErrorCode.ProvisioningClientNotFound });
  });
});
