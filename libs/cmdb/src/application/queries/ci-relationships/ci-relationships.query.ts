/** The active relationships of a CI, as source or target. */
export class CiRelationshipsQuery {
  constructor(readonly ciId: string) {}
}
