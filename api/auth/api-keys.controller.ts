import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiZodBody, ZodBody } from '../common/zod-validation.js';
import { ApiKeysService } from './api-keys.service.js';
import { CurrentKey, Roles } from './auth.decorators.js';
import { type AuthenticatedKey, ROLES } from './roles.js';

const CreateKeyBody = z.strictObject({
  name: z.string().trim().min(1, 'name must not be empty').max(100),
  role: z.enum(ROLES),
});

@ApiTags('keys')
@ApiBearerAuth()
@Roles('admin')
@Controller('keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key; the key is in the response once and never again' })
  @ApiZodBody(CreateKeyBody)
  create(@CurrentKey() actor: AuthenticatedKey, @ZodBody(CreateKeyBody) body: z.infer<typeof CreateKeyBody>) {
    return this.keys.create(actor, body.name, body.role);
  }

  @Get()
  @ApiOperation({ summary: 'List API keys (without secrets)' })
  list() {
    return this.keys.list();
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an API key' })
  revoke(@CurrentKey() actor: AuthenticatedKey, @Param('id') id: string) {
    return this.keys.revoke(actor, id);
  }
}
