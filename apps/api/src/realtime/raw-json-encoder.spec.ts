import { Decoder, Encoder, type Packet, PacketType } from 'socket.io-parser';
import { RawJson } from '../infra/serialization/raw-json';
import { RawJsonEncoder } from './raw-json-encoder';

/** What a client's default parser makes of the encoded packet. */
function decoded(parts: ReturnType<Encoder['encode']>): Packet {
  const decoder = new Decoder();
  let packet: Packet | undefined;
  decoder.on('decoded', (p: Packet) => (packet = p));
  for (const part of parts) decoder.add(part);
  return packet!;
}

describe('RawJsonEncoder', () => {
  const encoder = new RawJsonEncoder();
  const missed = [{ seq: 4, data: { body: 'a "quoted" $& body \u2028' } }, { seq: 5, data: null }];

  it('splices raw JSON into an ack as the same packet a client would get from the values', () => {
    const ack: Packet = { type: PacketType.ACK, nsp: '/', id: 7, data: [{ ok: true, seq: 5, missed: new RawJson(JSON.stringify(missed)) }] };
    const [text] = encoder.encode(ack);
    expect(text).toBe(new Encoder().encode({ ...ack, data: [{ ok: true, seq: 5, missed }] })[0]);
    expect(decoded(encoder.encode(ack))).toEqual({ type: PacketType.ACK, nsp: '/', id: 7, data: [{ ok: true, seq: 5, missed }] });
  });

  it('splices raw JSON given as an argument itself, several in one packet', () => {
    const event: Packet = { type: PacketType.EVENT, nsp: '/', data: ['event', new RawJson('{"a":1}'), { b: new RawJson('[2]'), c: 3 }] };
    expect(decoded(encoder.encode(event)).data).toEqual(['event', { a: 1 }, { b: [2], c: 3 }]);
  });

  it('encodes every other packet as socket.io does, a string looking like its marker included', () => {
    const packets: Packet[] = [
      { type: PacketType.EVENT, nsp: '/', data: ['event', { body: '\u0000raw-json:x:0', nested: { deep: new RawJson('1') } }] },
      { type: PacketType.CONNECT, nsp: '/', data: { sid: 'abc' } },
      { type: PacketType.EVENT, nsp: '/', data: ['binary', Buffer.from([1, 2, 3])] },
    ];
    for (const packet of packets) expect(encoder.encode(packet)).toEqual(new Encoder().encode(packet));
  });
});
