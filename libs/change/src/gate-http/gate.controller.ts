import { bearerToken } from '@itsm/platform/auth';
import { Controller, Headers, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { AnswerGateCommand } from '../application/commands/answer-gate/answer-gate.command';
import { AnswerGateHandler } from '../application/commands/answer-gate/answer-gate.handler';
import { GateExceptionFilter } from './gate-exception.filter';
import { GATE_PATH, toGateAnswerJson } from './gate-http';
import type { GateAnswerJson } from './gate-http';

/** The part of Express's reply the gate sets. */
interface GateReply {
  status(code: number): unknown;
}

/** POST /change/v1/gate: a pipeline's bearer token and JSON body in, the gate's answer out (200 allow, 403 deny). */
@Controller(GATE_PATH)
@UseFilters(GateExceptionFilter)
export class GateController {
  constructor(private readonly answer: AnswerGateHandler) {}

  @Post()
  @HttpCode(200)
  async ask(@Headers('authorization') authorization: string | undefined, @Req() request: IncomingMessage & { body?: unknown }, @Res({ passthrough: true }) reply: GateReply): Promise<GateAnswerJson> {
    const entry = await this.answer.execute(new AnswerGateCommand(bearerToken(authorization), request.body));
    if (!entry.allowed) reply.status(403);
    return toGateAnswerJson(entry);
  }
}
