import { directorySubject } from '@itsm/contracts';
import { objectIdFromKey } from '@itsm/platform/persistence';

describe('directory record keys', () => {
  it("are the contract's subjects, and the _ids records were stored under before (objectIdFromKey('directory-<kind>', id))", () => {
    for (const kind of ['person', 'group', 'organisation'] as const) {
      expect(directorySubject(kind, 'contoso')).toBe(objectIdFromKey(`directory-${kind}`, 'contoso').toHexString());
    }
    expect(directorySubject('person', 'p-1')).toMatch(/^[0-9a-f]{24}$/);
    expect(directorySubject('person', 'p-1')).not.toBe(directorySubject('group', 'p-1'));
  });
});
