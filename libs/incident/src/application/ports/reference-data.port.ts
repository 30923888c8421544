import type { AssignmentGroupView, PriorityMatrix, ProjectedOrganisation } from '../../domain';
import type { PriorityMatrixSetting } from '../../persistence/reference-data.repository';

/** Groups of the directory by id, with their members' standing (the projection of `itsm.directory.v1`). */
export abstract class AssignmentGroups {
  abstract group(id: string): Promise<AssignmentGroupView | undefined>;
}

/** Organisations (internal, customers, suppliers) by id (the projection of `itsm.directory.v1`). */
export abstract class Organisations {
  abstract organisation(id: string): Promise<ProjectedOrganisation | undefined>;
}

/** The one priority matrix in force, versioned so two admins do not overwrite each other. */
export abstract class PriorityMatrices {
  abstract priorityMatrix(): Promise<PriorityMatrixSetting>;
  /** False when the matrix is no longer at `expectedVersion`. */
  abstract replacePriorityMatrix(matrix: PriorityMatrix, expectedVersion: number, by: string, at: Date): Promise<boolean>;
}
