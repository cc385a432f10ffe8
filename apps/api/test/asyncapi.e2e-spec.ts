import { Parser } from '@asyncapi/parser';
import { clientToServerEvents, serverToClientEvents, SOCKET_WRITE_EVENTS } from '@corroborate/contracts';
import { HttpClient, newUser } from './support/http-client';
import { gatewayEvents } from './support/routes';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
let me: HttpClient;
let document: any;
let openApiDescription: string;

beforeAll(async () => {
  app = await startTestApp();
  me = await newUser(app, 'Integrator');
  expect((await new HttpClient(app.url).get('/api/docs/asyncapi.json')).status).toBe(401);
  const res = await me.get('/api/docs/asyncapi.json');
  expect(res.status).toBe(200);
  document = res.body;
  // Read before the parser's long synchronous work, which outlives idle keep-alive connections.
  openApiDescription = (await me.get('/api/docs-json')).body.info.description;
});
afterAll(() => app.close());

// The parser's error severity (Spectral's DiagnosticSeverity.Error).
const ERROR = 0;

describe('the AsyncAPI document of the socket events', () => {
  it('is a valid AsyncAPI 3 document (@asyncapi/parser)', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    expect(diagnostics.filter((d) => d.severity === ERROR).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(parsed).toBeDefined();
    expect(parsed!.operations().length).toBe(Object.keys(serverToClientEvents).length + Object.keys(clientToServerEvents).length + SOCKET_WRITE_EVENTS.length);
  });

  it('and the parser refuses a broken one', async () => {
    const broken = { ...document, operations: { ...document.operations, 'send-nothing': { action: 'listen', channel: { $ref: '#/channels/none' } } } };
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(broken));
    expect(parsed).toBeUndefined();
    expect(diagnostics.some((d) => d.severity === ERROR)).toBe(true);
  });

  it('describes every event the gateway handles and every event the server emits, with payloads from the contracts', () => {
    const received = Object.values(document.operations as Record<string, any>).filter((op) => op.action === 'receive');
    expect(received.map((op) => op.title.replace('Client emits ', '')).sort()).toEqual(gatewayEvents(app).sort());
    const sent = Object.values(document.operations as Record<string, any>).filter((op) => op.action === 'send');
    expect(sent.map((op) => op.title.replace('Server emits ', '')).sort()).toEqual(Object.keys(serverToClientEvents).sort());
    const messages = document.channels.socket.messages;
    expect(messages.event.payload).toEqual({ $ref: '#/components/schemas/ArticleEvent' });
    expect(document.components.schemas.ArticleEvent.required).toEqual(expect.arrayContaining(['seq', 'articleId', 'type', 'actorId', 'at', 'data']));
    expect(messages['article-join'].payload).toEqual({ $ref: '#/components/schemas/JoinArticle' });
    expect(document.operations['send-article-join'].reply.messages).toEqual([{ $ref: '#/channels/socket/messages/article-join-ack' }]);
    expect(messages['article-join-ack'].payload).toEqual({ $ref: '#/components/schemas/JoinAck' });
    expect(messages.notification.payload).toEqual({ $ref: '#/components/schemas/Notification' });
  });

  it('names the connection and its credentials, and is linked from the OpenAPI document', () => {
    expect(document.servers.api).toEqual(expect.objectContaining({ host: new URL(app.config.PUBLIC_URL).host, pathname: '/socket.io' }));
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['apiToken', 'session']);
    expect(openApiDescription).toContain('/api/docs/asyncapi.json');
  });

});
