import type { PriorityMatrix } from '../../domain';
import type { AssignmentGroup, Organisation, PriorityMatrixSetting } from '../../persistence/reference-data.repository';

/** Assignment groups by id (their organisation and members decide who may work a ticket). */
export abstract class AssignmentGroups {
  abstract group(id: string): Promise<AssignmentGroup | undefined>;
  abstract upsertGroup(group: AssignmentGroup): Promise<void>;
}

/** Organisations (internal, customers, suppliers) by id. */
export abstract class Organisations {
  abstract organisation(id: string): Promise<Organisation | undefined>;
  abstract upsertOrganisation(organisation: Organisation): Promise<void>;
}

/** The one priority matrix in force, versioned so two admins do not overwrite each other. */
export abstract class PriorityMatrices {
  abstract priorityMatrix(): Promise<PriorityMatrixSetting>;
  /** False when the matrix is no longer at `expectedVersion`. */
  abstract replacePriorityMatrix(matrix: PriorityMatrix, expectedVersion: number, by: string, at: Date): Promise<boolean>;
}
