import { Module } from '@nestjs/common';
import { WebhookWorker } from './webhook-worker';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Signed webhooks: endpoints per workspace, the outbox the database fills, and its sender. */
@Module({ controllers: [WebhooksController], providers: [WebhooksService, WebhookWorker] })
export class WebhooksModule {}
