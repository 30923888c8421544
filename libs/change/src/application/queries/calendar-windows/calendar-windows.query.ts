/** Every maintenance window and blackout (the admin's lists). */
export class CalendarWindowsQuery {}
