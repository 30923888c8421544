/** Human-readable ticket numbers (INC0001000, PRB0001000), unique under concurrent creation. */
export abstract class TicketNumbers {
  abstract next(prefix: 'INC' | 'PRB'): Promise<string>;
}
