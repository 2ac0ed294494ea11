import { applyDecorators, Controller, Delete, Get, Head, Inject, Post, Put, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { ECHO_API_CONFIG } from '../config/echo-config.token';
import type { EchoApiConfig } from '../config/echo-env';
import { echoOf } from './echo-response';
import { DELAY_HEADER, readTestControls, STATUS_HEADER } from './test-controls';

/** OpenAPI: what every operation answers (the {@link EchoResponse} shape). */
const ECHO_SCHEMA = {
  type: 'object',
  required: ['method', 'path', 'query', 'headers', 'body'],
  properties: {
    method: { type: 'string', example: 'GET' },
    path: { type: 'string', description: 'Path as received by the backend.', example: '/api/resource' },
    query: { type: 'object', additionalProperties: true, example: { param1: 'sample' } },
    headers: { type: 'object', additionalProperties: true },
    body: { description: 'JSON bodies parsed, other bodies as text, null when there was none.', nullable: true },
  },
};

/** OpenAPI: one Echo API operation (apim.md §6), answering 200 "in all cases" unless a test control says otherwise. */
function EchoOperation(operationId: string, summary: string, description: string) {
  return applyDecorators(
    ApiOperation({ operationId, summary, description }),
    ApiOkResponse({ description: 'Returned in all cases: the request as received.', schema: ECHO_SCHEMA }),
    ApiBadRequestResponse({ description: `A test control header (${DELAY_HEADER}, ${STATUS_HEADER}) is invalid.` }),
  );
}

/**
 * The operations of APIM's built-in Echo API (apim.md §6), served under the backend's `/api` prefix
 * (its serviceUrl is `http://echoapi.cloudapp.net/api`): every one answers with what it received.
 * Open on purpose, like APIM's echo backend: the gateway in front of it does the protecting.
 */
@ApiTags('Echo API')
@ApiHeader({
  name: DELAY_HEADER,
  required: false,
  description: 'Test control: wait this many milliseconds before answering (capped by ECHO_API_MAX_DELAY_MS).',
})
@ApiHeader({ name: STATUS_HEADER, required: false, description: 'Test control: answer with this status (200-599).' })
@Controller()
export class EchoController {
  constructor(@Inject(ECHO_API_CONFIG) private readonly config: EchoApiConfig) {}

  /** Retrieve header only (HEAD /resource). Declared before GET so Express does not route HEAD to GET. */
  @EchoOperation('retrieve-header-only', 'Retrieve header only', 'The headers of the echo, without a body.')
  @Head('resource')
  retrieveHeaderOnly(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.answer(request, response);
  }

  /** Retrieve resource (GET /resource). */
  @EchoOperation(
    'retrieve-resource',
    'Retrieve resource',
    'Returns a response equal to the request (the supplied headers and body are being returned as received).',
  )
  // Decorators apply bottom-up: param1 is listed first.
  @ApiQuery({
    name: 'param2',
    required: false,
    schema: { type: 'number' },
    description: 'Another sample parameter, set to not required.',
  })
  @ApiQuery({
    name: 'param1',
    required: true,
    schema: { type: 'string', default: 'sample' },
    description: 'A sample parameter that is required and has a default value of "sample".',
  })
  @Get('resource')
  retrieve(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.answer(request, response);
  }

  /** Retrieve resource (cached) (GET /resource-cached); the caching is a gateway policy, not the backend's. */
  @EchoOperation(
    'retrieve-resource-cached',
    'Retrieve resource (cached)',
    'The echo of GET /resource; the gateway caches it (cache-lookup / cache-store), not the backend.',
  )
  @Get('resource-cached')
  retrieveCached(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.answer(request, response);
  }

  /** Create resource (POST /resource). */
  @EchoOperation('create-resource', 'Create resource', 'Echoes the body and headers it received.')
  @ApiBody({
    required: false,
    schema: { type: 'object', additionalProperties: true },
    examples: {
      vehicle: { summary: 'A vehicle', value: { vehicleType: 'train', maxSpeed: 125, avgSpeed: 90, speedUnit: 'mph' } },
    },
  })
  @Post('resource')
  create(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.answer(request, response);
  }

  /** Modify Resource (PUT /resource). */
  @EchoOperation('modify-resource', 'Modify Resource', 'Echoes the body and headers it received.')
  @ApiBody({ required: false, schema: { type: 'object', additionalProperties: true } })
  @Put('resource')
  modify(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.answer(request, response);
  }

  /** Remove resource (DELETE /resource): nothing is actually deleted. */
  @EchoOperation('remove-resource', 'Remove resource', 'Nothing is actually deleted; the request is echoed.')
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
