import { Global, Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsGateway } from './notifications.gateway';
import { NotificationsService } from './notifications.service';

/** Stored notifications, pushed live to each user's own sockets and read over REST or the socket. */
@Global()
@Module({ controllers: [NotificationsController], providers: [NotificationsService, NotificationsGateway], exports: [NotificationsService] })
export class NotificationsModule {}
