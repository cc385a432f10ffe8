import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { NotificationsQuery, type NotificationsAck } from '@corroborate/contracts';
import { validationError } from '../infra/errors/validation';
import { ackError } from '../realtime/ack-error';
import type { AppSocket } from '../realtime/socket.types';
import { NotificationsService } from './notifications.service';

/**
 * The user's notifications over the live socket: GET /api/notifications's service call for the
 * same query, answered in an ack. The client reads its first page here as the connection comes
 * up (and after each reconnection), one request fewer for every page it opens.
 */
@WebSocketGateway()
export class NotificationsGateway {
  private readonly logger = new Logger('NotificationsGateway');

  constructor(private readonly notifications: NotificationsService) {}

  @SubscribeMessage('notifications:list')
  async list(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown): Promise<NotificationsAck> {
    const query = NotificationsQuery.safeParse(payload ?? {});
    if (!query.success) return ackError(validationError(query.error, 'payload'), this.logger);
    try {
      const { userId, workspaceId } = socket.data.auth;
      return { ok: true, page: await this.notifications.page(userId, query.data, workspaceId ?? null) };
    } catch (error) {
      return ackError(error, this.logger);
    }
  }
}
