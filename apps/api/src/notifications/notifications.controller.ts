import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { NotificationsQuery, type NotificationsPage } from '@corroborate/contracts';
import { createZodDto } from 'nestjs-zod';
import { Auth, type AuthContext } from '../auth/auth.context';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { NotificationsService } from './notifications.service';

class NotificationsQueryDto extends createZodDto(NotificationsQuery) {}

/** The caller's own notifications, newest first. */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  page(@Auth() auth: AuthContext, @Query() query: NotificationsQueryDto): Promise<NotificationsPage> {
    return this.notifications.page(auth.userId, query, auth.workspaceId ?? null);
  }

  @Post('read-all')
  @HttpCode(204)
  readAll(@Auth() auth: AuthContext): Promise<void> {
    return this.notifications.markAllRead(auth.userId, auth.workspaceId ?? null);
  }

  @Post(':notificationId/read')
  @HttpCode(204)
  read(@Auth() auth: AuthContext, @Param('notificationId', UuidPipe) id: string): Promise<void> {
    return this.notifications.markRead(auth.userId, id, auth.workspaceId ?? null);
  }
}
