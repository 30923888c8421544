import { Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RetireSupplierSigningKeyCommand } from '../application/commands/retire-supplier-signing-key/retire-supplier-signing-key.command';
import { RetireSupplierSigningKeyHandler } from '../application/commands/retire-supplier-signing-key/retire-supplier-signing-key.handler';
import { RotateSupplierSigningKeyCommand } from '../application/commands/rotate-supplier-signing-key/rotate-supplier-signing-key.command';
import { RotateSupplierSigningKeyHandler } from '../application/commands/rotate-supplier-signing-key/rotate-supplier-signing-key.handler';
import { SaveSupplierConnectionCommand } from '../application/commands/save-supplier-connection/save-supplier-connection.command';
import { SaveSupplierConnectionHandler } from '../application/commands/save-supplier-connection/save-supplier-connection.handler';
import type { SavedSupplierConnection } from '../application/commands/save-supplier-connection/save-supplier-connection.handler';
import { SupplierConnectionStore } from '../application/ports/supplier-exchange-stores.port';
import type { SigningKeyKind } from '../application/supplier-connections/issued-keys';
import { connectionInputJson, toConnectionGql } from './supplier-connection-graphql.mapper';
import { SupplierConnectionInput } from './supplier-connection.inputs';
import { SavedSupplierConnectionGql, SupplierConnectionGql, SupplierSigningKeyKindGql } from './supplier-connection.types';
import { supplierExchangeErrorFilter } from './supplier-exchange-error.filter';

const toSavedGql = ({ saved, issuedKey }: SavedSupplierConnection): SavedSupplierConnectionGql => ({ connection: toConnectionGql(saved), issuedKey });

/** The admins' supplier connections: the list, saving one (applied within the connections cache time, no restart), and rotating its webhook signing keys. */
@Resolver(() => SupplierConnectionGql)
@UseFilters(supplierExchangeErrorFilter)
export class SupplierConnectionResolver {
  constructor(
    private readonly store: SupplierConnectionStore,
    private readonly saver: SaveSupplierConnectionHandler,
    private readonly rotator: RotateSupplierSigningKeyHandler,
    private readonly retirer: RetireSupplierSigningKeyHandler,
  ) {}

  @Query(() => [SupplierConnectionGql], { description: 'Every supplier connection, by supplier id' })
  @Roles('admin')
  async supplierConnections(): Promise<SupplierConnectionGql[]> {
    return (await this.store.list()).map((stored) => toConnectionGql(stored));
  }

  @Mutation(() => SavedSupplierConnectionGql, {
    description: 'Creates (no expectedVersion) or replaces a connection; refused with a code naming the field, nothing saved, when invalid. A connection that becomes a webhook one is issued a signing key (answered here); one that stays keeps its keys',
  })
  @Roles('admin')
  async saveSupplierConnection(
    @Args('input') input: SupplierConnectionInput,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion?: number | null,
    @Args('keyKind', { type: () => SupplierSigningKeyKindGql, defaultValue: 'ed25519' }) keyKind: SigningKeyKind = 'ed25519',
  ): Promise<SavedSupplierConnectionGql> {
    return toSavedGql(await this.saver.execute(new SaveSupplierConnectionCommand(connectionInputJson(input), expectedVersion ?? null, keyKind)));
  }

  @Mutation(() => SavedSupplierConnectionGql, { description: "Issues the next webhook signing key (answered here; an hmac secret only here): both sign until the old one is retired" })
  @Roles('admin')
  async rotateSupplierSigningKey(
    @Args('supplierId', { type: () => ID }) supplierId: string,
    @Args('keyKind', { type: () => SupplierSigningKeyKindGql, defaultValue: 'ed25519' }) keyKind: SigningKeyKind = 'ed25519',
  ): Promise<SavedSupplierConnectionGql> {
    return toSavedGql(await this.rotator.execute(new RotateSupplierSigningKeyCommand(supplierId, keyKind)));
  }

  @Mutation(() => SupplierConnectionGql, { description: 'Stops a webhook signing key signing (the end of a rotation), by its id; the last one stays' })
  @Roles('admin')
  async retireSupplierSigningKey(@Args('supplierId', { type: () => ID }) supplierId: string, @Args('keyId', { type: () => ID }) keyId: string): Promise<SupplierConnectionGql> {
    return toConnectionGql(await this.retirer.execute(new RetireSupplierSigningKeyCommand(supplierId, keyId)));
  }
}
