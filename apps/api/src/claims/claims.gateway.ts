import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { person, socketWrite } from '../realtime/socket-write';
import type { AppSocket } from '../realtime/socket.types';
import { ClaimsService } from './claims.service';

/** Claim writes over the live socket: the REST routes' service calls, answered in an ack. */
@WebSocketGateway()
export class ClaimsGateway {
  constructor(private readonly claims: ClaimsService) {}

  @SubscribeMessage('claim:create')
  create(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return socketWrite('claim:create', socket, payload, async (auth, { articleId }, body) => {
      const { created, claim } = await this.claims.create(person(auth), articleId, body);
      return { created, data: claim };
    });
  }

  @SubscribeMessage('claim:update')
  update(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return socketWrite('claim:update', socket, payload, async (auth, { claimId }, body) => ({
      data: await this.claims.update(person(auth), claimId, body),
    }));
  }
}
