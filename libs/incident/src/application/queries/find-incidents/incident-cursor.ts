import { IncidentError, IncidentErrorCode } from '../../../domain';

/** Opaque cursors: the stable sort key (the number's sequence), base64url-encoded. */
export function encodeCursor(seq: number): string {
  return Buffer.from(`inc:${seq}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const match = /^inc:([1-9][0-9]{0,14})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) throw new IncidentError(IncidentErrorCode.InvalidInput, 'the cursor is not one this API issued', { field: 'after' });
  return Number(match[1]);
}
