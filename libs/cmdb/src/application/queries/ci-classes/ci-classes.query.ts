/** The CI classes in force, built-in and added by admins. */
export class CiClassesQuery {}
