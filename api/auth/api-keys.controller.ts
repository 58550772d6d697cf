import { Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { pageQuery, pageSchema } from '../common/cursor.js';
import { ApiReturns } from '../common/openapi.js';
import { ZodBody, ZodQuery } from '../common/zod-validation.js';
import { ApiKeysService } from './api-keys.service.js';
import { CurrentKey, Roles } from './auth.decorators.js';
import { type AuthenticatedKey, ROLES } from './roles.js';

const CreateKeyBody = z.strictObject({
  name: z.string().trim().min(1, 'name must not be empty').max(100),
  role: z.enum(ROLES),
});

const ListQuery = pageQuery(100, 1000);

export const ApiKeySchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    prefix: z.string().describe('the first characters of the key, to recognise it'),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });
const CreatedKeySchema = ApiKeySchema.extend({ key: z.string().describe('the secret: shown in this response only') }).meta({ id: 'CreatedApiKey' });
const ApiKeyPageSchema = pageSchema(ApiKeySchema, 'ApiKeyPage');

@ApiTags('keys')
@Roles('admin')
@Controller('keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({ operationId: 'createApiKey', summary: 'Create an API key; the key is in the response once and never again' })
  @ApiReturns(CreatedKeySchema, { status: 201, location: true })
  async create(@CurrentKey() actor: AuthenticatedKey, @ZodBody(CreateKeyBody) body: z.infer<typeof CreateKeyBody>, @Res({ passthrough: true }) res: Response) {
    const created = await this.keys.create(actor, body.name, body.role);
    res.setHeader('Location', `/api/keys/${encodeURIComponent(created.id)}`);
    return created;
  }

  @Get()
  @ApiOperation({ operationId: 'listApiKeys', summary: 'API keys (without secrets), oldest first (cursor-paged)' })
  @ApiReturns(ApiKeyPageSchema)
  list(@ZodQuery(ListQuery) q: z.infer<typeof ListQuery>) {
    return this.keys.list(q.limit, q.cursor);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getApiKey', summary: 'One API key (without its secret)' })
  @ApiReturns(ApiKeySchema)
  get(@Param('id') id: string) {
    return this.keys.get(id);
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke an API key' })
  @ApiReturns(ApiKeySchema)
  revoke(@CurrentKey() actor: AuthenticatedKey, @Param('id') id: string) {
    return this.keys.revoke(actor, id);
  }
}
