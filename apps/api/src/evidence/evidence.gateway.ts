import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { person, socketWrite } from '../realtime/socket-write';
import type { AppSocket } from '../realtime/socket.types';
import { EvidenceService } from './evidence.service';

/** Evidence writes over the live socket: the REST routes' service calls, answered in an ack. */
@WebSocketGateway()
export class EvidenceGateway {
  constructor(private readonly evidence: EvidenceService) {}

  @SubscribeMessage('evidence:create')
  create(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return socketWrite('evidence:create', socket, payload, async (auth, { claimId }, body) => {
      const { created, evidence } = await this.evidence.create(person(auth), claimId, body);
      return { created, data: evidence };
    });
  }

  @SubscribeMessage('evidence:update')
  update(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return socketWrite('evidence:update', socket, payload, async (auth, { evidenceId }, body) => ({
      data: await this.evidence.update(person(auth), evidenceId, body),
    }));
  }
}
