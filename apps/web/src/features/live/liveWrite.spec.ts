/// <reference types="jest" />
import { ApiError } from '../../lib/http';
import { liveWrite } from './liveWrite';
import { currentSocket } from './socket';

jest.mock('./socket', () => ({ currentSocket: jest.fn() }));

const ARTICLE = '6f1c1e0a-8f6e-4d7e-9a51-2b0c3c2d1e10';
const body = { statement: 'The river is cleaner' };
const route = { method: 'POST' as const, path: `/articles/${ARTICLE}/claims` };

/** A connected socket whose ack is `answer` (or never comes, when it throws like a timeout). */
function socketAnswering(answer: unknown | Error) {
  const emitWithAck = jest.fn(async () => {
    if (answer instanceof Error) throw answer;
    return answer;
  });
  const socket = { connected: true, timeout: jest.fn(() => ({ emitWithAck })) };
  jest.mocked(currentSocket).mockReturnValue(socket as never);
  return emitWithAck;
}

describe('liveWrite', () => {
  const fetchMock = jest.fn();
  beforeEach(() => {
    fetchMock.mockReset();
    global.fetch = fetchMock;
  });

  it('sends the write on the connected socket and answers the ack’s object, with no request', async () => {
    const emitWithAck = socketAnswering({ ok: true, status: 201, data: { id: 'c1', statement: body.statement } });
    expect(await liveWrite('claim:create', { articleId: ARTICLE, body }, route)).toEqual({ id: 'c1', statement: body.statement });
    expect(emitWithAck).toHaveBeenCalledWith('claim:create', { articleId: ARTICLE, body });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('throws a refusal in the ack as the ApiError REST would have given', async () => {
    const error = { code: 'CONFLICT', message: 'Changed meanwhile', details: [{ path: 'version', message: 'is stale' }], current: { id: 'c1', version: 2 } };
    socketAnswering({ ok: false, status: 409, error });
    const thrown = await liveWrite('claim:create', { articleId: ARTICLE, body }, route).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ApiError);
    expect({ ...(thrown as ApiError), message: (thrown as ApiError).message }).toMatchObject({ status: 409, ...error });
  });

  it('counts an ack that never comes as a request that got no answer', async () => {
    socketAnswering(new Error('operation has timed out'));
    await expect(liveWrite('claim:create', { articleId: ARTICLE, body }, route)).rejects.toMatchObject({ code: 'NETWORK', status: 0 });
  });

  it('uses REST when the socket is not connected', async () => {
    jest.mocked(currentSocket).mockReturnValue({ connected: false } as never);
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ id: 'c2' }), { status: 201, headers: { 'content-type': 'application/json' } }));
    expect(await liveWrite('claim:create', { articleId: ARTICLE, body }, route)).toEqual({ id: 'c2' });
    expect(fetchMock).toHaveBeenCalledWith(`/api${route.path}`, expect.objectContaining({ method: 'POST', body: JSON.stringify(body) }));
  });
});
