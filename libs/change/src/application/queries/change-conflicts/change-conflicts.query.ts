/** The conflicts of a change's planned window, now (on demand; also after every schedule change). */
export class ChangeConflictsQuery {
  constructor(readonly changeId: string) {}
}
