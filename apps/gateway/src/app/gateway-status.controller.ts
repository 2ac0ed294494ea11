import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { STATUS_PATH } from './reserved-paths';

/** APIM's gateway health probe (`/status-0123456789abcdef`): 200, empty body, no key needed. */
@ApiExcludeController()
@Controller()
export class GatewayStatusController {
  @Get(STATUS_PATH.slice(1))
  @HttpCode(200)
  status(): string {
    return '';
  }
}
