import { useEffect, useState } from 'react';
import type { AssignmentGroup } from './api/types';
import { usePortal } from './portal-context';

/** The assignment groups the signed-in person is a member of (undefined while loading). */
export function useMyGroups(): readonly AssignmentGroup[] | undefined {
  const { client, session } = usePortal();
  const [groups, setGroups] = useState<readonly AssignmentGroup[] | undefined>(undefined);
  useEffect(() => {
    let current = true;
    client.request<{ assignmentGroups: AssignmentGroup[] }>('MyGroups').then(
      ({ assignmentGroups }) => current && setGroups(assignmentGroups.filter((group) => group.members.some((member) => member.userName === session.sub))),
      () => current && setGroups([]),
    );
    return () => {
      current = false;
    };
  }, [client, session.sub]);
  return groups;
}
