import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { person, socketWrite } from '../realtime/socket-write';
import type { AppSocket } from '../realtime/socket.types';
import { AnnotationsService } from './annotations.service';

/** Annotation writes over the live socket: the REST routes' service calls, answered in an ack. */
@WebSocketGateway()
export class AnnotationsGateway {
  constructor(private readonly annotations: AnnotationsService) {}

  @SubscribeMessage('annotation:create')
  create(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return socketWrite('annotation:create', socket, payload, async (auth, { articleId }, body) => {
      const { created, annotation } = await this.annotations.create(person(auth), articleId, body);
      return { created, data: annotation };
    });
  }

  @SubscribeMessage('annotation:update')
  update(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown) {
    return socketWrite('annotation:update', socket, payload, async (auth, { annotationId }, body) => ({
      data: await this.annotations.update(person(auth), annotationId, body),
    }));
  }
}
