import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateWebhookBody, type CreatedWebhook, type WebhookDelivery, type WebhookEndpoint } from '@corroborate/contracts';
import { createZodDto } from 'nestjs-zod';
import { Auth, type AuthContext, RequiresScope } from '../auth/auth.context';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { WebhooksService } from './webhooks.service';

class CreateWebhookDto extends createZodDto(CreateWebhookBody) {}

/** Webhooks are workspace settings: an API token needs the admin scope for every route here. */
@ApiTags('webhooks')
@Controller()
@RequiresScope('admin')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('workspaces/:workspaceId/webhooks')
  create(@Auth() auth: AuthContext, @Param('workspaceId', UuidPipe) workspaceId: string, @Body() body: CreateWebhookDto): Promise<CreatedWebhook> {
    return this.webhooks.create(auth.userId, workspaceId, body);
  }

  @Get('workspaces/:workspaceId/webhooks')
  list(@Auth() auth: AuthContext, @Param('workspaceId', UuidPipe) workspaceId: string): Promise<WebhookEndpoint[]> {
    return this.webhooks.list(auth.userId, workspaceId);
  }

  @Delete('webhooks/:endpointId')
  @HttpCode(204)
  remove(@Auth() auth: AuthContext, @Param('endpointId', UuidPipe) endpointId: string): Promise<void> {
    return this.webhooks.remove(auth.userId, endpointId);
  }

  @Get('webhooks/:endpointId/deliveries')
  deliveries(@Auth() auth: AuthContext, @Param('endpointId', UuidPipe) endpointId: string): Promise<WebhookDelivery[]> {
    return this.webhooks.deliveries(auth.userId, endpointId);
  }

  @Post('webhooks/:endpointId/test')
  @HttpCode(201)
  sendTest(@Auth() auth: AuthContext, @Param('endpointId', UuidPipe) endpointId: string): Promise<WebhookDelivery> {
    return this.webhooks.sendTest(auth.userId, endpointId);
  }

  @Post('webhook-deliveries/:deliveryId/redeliver')
  @HttpCode(201)
  redeliver(@Auth() auth: AuthContext, @Param('deliveryId', UuidPipe) deliveryId: string): Promise<WebhookDelivery> {
    return this.webhooks.redeliver(auth.userId, deliveryId);
  }
}
