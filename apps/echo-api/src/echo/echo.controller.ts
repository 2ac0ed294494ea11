import { Controller, Delete, Get, Head, Inject, Post, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { ECHO_API_CONFIG } from '../config/echo-config.token';
import type { EchoApiConfig } from '../config/echo-env';
import { echoOf } from './echo-response';
import { readTestControls } from './test-controls';

/**
 * The operations of APIM's built-in Echo API (apim.md §6), served under the backend's `/api` prefix
 * (its serviceUrl is `http://echoapi.cloudapp.net/api`): every one answers with what it received.
 * Open on purpose, like APIM's echo backend: the gateway in front of it does the protecting.
 */
@Controller()
export class EchoController {
  constructor(@Inject(ECHO_API_CONFIG) private readonly config: EchoApiConfig) {}

  /** Retrieve header only (HEAD /resource). Declared before GET so Express does not route HEAD to GET. */
  @Head('resource')
  retrieveHeaderOnly(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.answer(request, response);
  }

  /** Retrieve resource (GET /resource). */
  @Get('resource')
  retrieve(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.answer(request, response);
  }

  /** Retrieve resource (cached) (GET /resource-cached); the caching is a gateway policy, not the backend's. */
  @Get('resource-cached')
  retrieveCached(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.answer(request, response);
  }

  /** Create resource (POST /resource). */
  @Post('resource')
  create(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.answer(request, response);
  }

  /** Modify Resource (PUT /resource). */
  @Put('resource')
  modify(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.answer(request, response);
  }

  /** Remove resource (DELETE /resource): nothing is actually deleted. */
  @Delete('resource')
  remove(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.answer(request, response);
  }

  private async answer(request: Request, response: Response): Promise<void> {
    const result = readTestControls(request.headers, this.config.maxDelayMs);
    if (!result.ok) {
      response.status(400).json({
        statusCode: 400,
        error: 'Bad Request',
        message: result.message,
      });
      return;
    }
    const { delayMs, status } = result.controls;
    if (delayMs > 0) await sleep(delayMs);
    response.status(status);
    if (status === 204 || status === 304) {
      response.end();
      return;
    }
    response.json(echoOf(request));
  }
}
