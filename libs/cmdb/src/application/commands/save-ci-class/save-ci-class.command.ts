import type { CiClass } from '../../../domain';

/** Add (expectedVersion 0) or change a CI class, at the version the admin saw. */
export class SaveCiClassCommand {
  constructor(
    readonly ciClass: Omit<CiClass, 'builtIn' | 'version'>,
    readonly expectedVersion: number,
    readonly by: string,
  ) {}
}
