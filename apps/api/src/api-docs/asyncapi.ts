import { clientToServerEvents, serverToClientEvents, SOCKET_WRITE_EVENTS, socketWriteSchemas } from '@corroborate/contracts';
import { SESSION_COOKIE } from '../auth/auth.context';
import type { AppConfig } from '../infra/config/config.schema';
import { ContractSchemas, type JsonSchema } from './schemas';

/** A message or operation name from an event name (`article:join` → `article-join`). */
const id = (event: string) => event.replace(/[^\w-]/g, '-');

/**
 * The AsyncAPI 3 document of the socket.io connection, generated from the event maps in the
 * contracts (the same ones that type the server and the web client): what a client may send,
 * what the server answers through the acknowledgement, and what it pushes.
 */
export function buildAsyncApiDocument(config: AppConfig): Record<string, unknown> {
  const schemas = new ContractSchemas('#/components/schemas/', 'draft-07');
  const url = new URL(config.PUBLIC_URL);
  const channel = { $ref: '#/channels/socket' };
  const messages: Record<string, JsonSchema> = {};
  const operations: Record<string, JsonSchema> = {};
  const message = (name: string, summary: string, payload: JsonSchema) => {
    messages[name] = { name, title: name, summary, contentType: 'application/json', payload };
    return { $ref: `#/channels/socket/messages/${name}` };
  };

  for (const [event, spec] of Object.entries(serverToClientEvents)) {
    operations[`receive-${id(event)}`] = {
      action: 'send',
      title: `Server emits ${event}`,
      summary: spec.summary,
      channel,
      messages: [message(id(event), `\`${event}\`: ${spec.summary}`, schemas.schemaFor(spec.payload))],
    };
  }
  // Writes over the socket: the REST route's body beside its path ids, answered in an ack with REST's status.
  const writes = Object.fromEntries(SOCKET_WRITE_EVENTS.map((event) => [event, socketWriteSchemas(event)]));
  for (const [event, spec] of Object.entries({ ...clientToServerEvents, ...writes })) {
    const ack = 'ack' in spec ? spec.ack : undefined;
    operations[`send-${id(event)}`] = {
      action: 'receive',
      title: `Client emits ${event}`,
      summary: spec.summary,
      channel,
      messages: [message(id(event), `\`${event}\`: ${spec.summary}`, schemas.schemaFor(spec.payload, 'input'))],
      ...(ack
        ? {
            reply: {
              channel,
              messages: [message(`${id(event)}-ack`, `The acknowledgement of \`${event}\`${'ackOptional' in spec ? ' (the client may leave it out)' : ''}`, schemas.schemaFor(ack))],
            },
          }
        : {}),
    };
  }

  const document = {
    asyncapi: '3.0.0',
    info: {
      title: 'Corroborate live events',
      version: '1',
      description: [
        'One socket.io connection per client (socket.io protocol 5, path `/socket.io`). Operations are described from the server: it *receives* what a client emits and *sends* what a client listens to.',
        '',
        "After `article:join` the server sends every change to the article as an `event` envelope, in the article's `seq` order with no gaps; a client that missed some re-joins with `sinceSeq`, or reads `GET /api/articles/{articleId}/events?after=`. The HTTP API is described at `/api/docs-json`.",
      ].join('\n'),
      license: { name: 'Proprietary: all rights reserved' },
    },
    defaultContentType: 'application/json',
    servers: {
      api: {
        host: url.host,
        protocol: url.protocol === 'https:' ? 'wss' : 'ws',
        pathname: '/socket.io',
        description: 'This deployment; a connection from an origin that is not allowed is refused.',
        security: [{ $ref: '#/components/securitySchemes/session' }, { $ref: '#/components/securitySchemes/apiToken' }],
      },
    },
    channels: { socket: { address: '/', title: 'The socket.io connection', messages } },
    operations,
    components: {
      securitySchemes: {
        session: { type: 'httpApiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session cookie set by sign-up and sign-in.' },
        apiToken: { type: 'http', scheme: 'bearer', description: 'A personal API token, sent as `auth: {token}` in the socket.io handshake.' },
      },
      schemas: {} as Record<string, JsonSchema>,
    },
  };
  document.components.schemas = schemas.components(document);
  return document;
}
