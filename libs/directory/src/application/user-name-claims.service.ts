import { Inject, Injectable } from '@nestjs/common';
import { DirectoryError, DirectoryErrorCode, userNameKey } from '../domain';
import { PERSON_STORE, USER_NAME_CLAIM_STORE } from './ports/directory-stores.port';
import type { PersonStore, UserNameClaim, UserNameClaimStore } from './ports/directory-stores.port';

/**
 * How long a claim whose person does not (yet) carry its userName is respected: the claim is taken
 * before the person is written, so a younger one may belong to a create or rename in flight.
 */
export const CLAIM_GRACE_MS = 60_000;
const MAX_TAKEOVER_ATTEMPTS = 3;

/**
 * userName uniqueness (case-insensitive) without unique indexes: a person takes the claim of its
 * lower-cased userName before it is written with it, moves it on a rename and gives it back on
 * deletion. A claim whose holder is deleted, or (after CLAIM_GRACE_MS) gone or renamed, is stale
 * and taken over (a writer that died between claim and write leaves one).
 */
@Injectable()
export class UserNameClaims {
  constructor(
    @Inject(USER_NAME_CLAIM_STORE) private readonly claims: UserNameClaimStore,
    @Inject(PERSON_STORE) private readonly people: PersonStore,
  ) {}

  /** Takes `userName` for the person (a no-op when it holds it); DIRECTORY.UNIQUENESS when another live person does. */
  async take(userName: string, personId: string, at: Date): Promise<void> {
    const key = userNameKey(userName);
    for (let attempt = 0; attempt < MAX_TAKEOVER_ATTEMPTS; attempt += 1) {
      const holder = await this.claims.claim(key, personId, at);
      if (holder === undefined || holder.personId === personId) return;
      if (!(await this.isStale(key, holder, at))) break;
      if (await this.claims.takeOver(key, holder, personId, at)) return;
    }
    throw new DirectoryError(DirectoryErrorCode.Uniqueness, `the userName "${userName}" is taken`, { field: 'userName' });
  }

  /** Gives `userName` back if the person holds it. */
  release(userName: string, personId: string): Promise<void> {
    return this.claims.release(userNameKey(userName), personId);
  }

  private async isStale(key: string, holder: UserNameClaim, at: Date): Promise<boolean> {
    const owner = (await this.people.load(holder.personId))?.aggregate;
    if (owner?.deleted === true) return true;
    if (owner !== undefined && userNameKey(owner.userName) === key) return false;
    return at.getTime() - holder.claimedAt.getTime() >= CLAIM_GRACE_MS;
  }
}
