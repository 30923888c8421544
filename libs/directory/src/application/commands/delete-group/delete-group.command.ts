import type { DirectoryActor } from '../../directory-inputs';

export class DeleteGroupCommand {
  constructor(
    readonly actor: DirectoryActor,
    readonly id: string,
  ) {}
}
