import { Injectable } from '@nestjs/common';
import type { Person } from '../../../domain';
import { PeopleQueries } from '../../ports';
import type { MeQuery } from './me.query';

/** The caller's person by its token subject (userName, case-insensitive); undefined when the directory does not know it. */
@Injectable()
export class MeHandler {
  constructor(private readonly people: PeopleQueries) {}

  async execute({ viewer }: MeQuery): Promise<Person | undefined> {
    return this.people.byUserName(viewer.userId);
  }
}
