import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { person, socketWrite } from '../realtime/socket-write';
import type { AppSocket } from '../realtime/socket.types';
import { ClaimCommentsService } from './claim-comments.service';

/** Claim comment writes over the live socket: the REST routes' service calls, answered in an ack. */
@WebSocketGateway()
export class ClaimCommentsGateway {
  constructor(private readonly comments: ClaimCommentsService) {}

  @SubscribeMessage('claim-comment:create')
  create(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return socketWrite('claim-comment:create', socket, payload, async (auth, { claimId }, body) => {
      const { created, comment } = await this.comments.create(person(auth), claimId, body);
      return { created, data: comment };
    });
  }

  @SubscribeMessage('claim-comment:update')
  update(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return socketWrite('claim-comment:update', socket, payload, async (auth, { commentId }, body) => ({
      data: await this.comments.update(person(auth), commentId, body),
    }));
  }
}
