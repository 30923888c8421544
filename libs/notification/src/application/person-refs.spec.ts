import type { Principal } from '@itsm/platform/auth';
import { InMemoryDirectoryProjection } from '@itsm/platform/persistence';
import { DirectoryFeed } from '@itsm/testing';
import { PersonRefs } from './person-refs';

const caller = (userId: string): Principal => ({ userId, name: userId, roles: ['agent'], orgId: undefined });

describe('PersonRefs', () => {
  async function refs(): Promise<PersonRefs> {
    const feed = new DirectoryFeed();
    // Provisioned over SCIM: the directory's id is not the user name the person signs in with.
    const directory = await new InMemoryDirectoryProjection().feed(
      feed.person({ personId: '2819c223-7f76-453a-919d-413861904646', userName: 'bjensen@example.com' }),
      feed.person({ personId: 'u-same', userName: 'u-same' }),
    );
    return new PersonRefs(directory);
  }

  it('finds a signed-in caller by user name (any case), so their inbox, preferences and pages are theirs', async () => {
    const people = await refs();
    expect(await people.callerId(caller('BJensen@example.com'))).toBe('2819c223-7f76-453a-919d-413861904646');
    expect(await people.callerId(caller('u-same'))).toBe('u-same');
  });

  it('resolves ids and user names to one person each; a name the directory lacks stays as it is', async () => {
    const resolved = await (await refs()).resolve(['2819c223-7f76-453a-919d-413861904646', 'bjensen@example.com', 'nobody']);
    expect(['2819c223-7f76-453a-919d-413861904646', 'bjensen@example.com', 'nobody'].map(resolved.idOf)).toEqual(['2819c223-7f76-453a-919d-413861904646', '2819c223-7f76-453a-919d-413861904646', 'nobody']);
    expect([...resolved.people.keys()]).toEqual(['2819c223-7f76-453a-919d-413861904646']);
  });
});
