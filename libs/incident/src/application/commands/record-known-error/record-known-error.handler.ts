import { Injectable } from '@nestjs/common';
import type { Problem, Viewer } from '../../../domain';
import { ProblemCommandRunner } from '../../problem-command-runner';
import type { RecordKnownErrorCommand } from './record-known-error.command';

@Injectable()
export class RecordKnownErrorHandler {
  constructor(private readonly problems: ProblemCommandRunner) {}

  execute(viewer: Viewer, command: RecordKnownErrorCommand): Promise<Problem> {
    return this.problems.runAs(viewer, command.problemId, { kind: 'record-known-error', symptom: command.symptom, rootCause: command.rootCause, workaround: command.workaround });
  }
}
