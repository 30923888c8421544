import type { DirectoryViewer } from '../../../domain';

/** The viewer's own person: the one whose userName its token's subject is. */
export class MeQuery {
  constructor(readonly viewer: DirectoryViewer) {}
}
