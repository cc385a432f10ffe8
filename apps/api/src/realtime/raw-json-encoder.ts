import { randomBytes } from 'node:crypto';
import { Encoder, type Packet } from 'socket.io-parser';
import { RawJson } from '../infra/serialization/raw-json';

/** Marks where a raw value goes: a string no client sends, since it names this process's nonce. */
const NONCE = randomBytes(9).toString('base64url');
const placeholder = (i: number) => `\u0000raw-json:${NONCE}:${i}`;

/**
 * socket.io's encoder, splicing each RawJson that is an argument of a packet, or a property
 * of one (an ack's `missed`), into the packet's JSON. Any other packet is encoded as before.
 */
export class RawJsonEncoder extends Encoder {
  override encode(packet: Packet): ReturnType<Encoder['encode']> {
    const raws: RawJson[] = [];
    const swap = (value: unknown): unknown => {
      if (!(value instanceof RawJson)) return value;
      raws.push(value);
      return placeholder(raws.length - 1);
    };
    const data: unknown = packet.data;
    if (!Array.isArray(data)) return super.encode(packet);
    const swapped = data.map((arg: unknown) => {
      if (arg instanceof RawJson) return swap(arg);
      if (arg === null || typeof arg !== 'object' || Array.isArray(arg) || !Object.values(arg).some((v) => v instanceof RawJson)) return arg;
      return Object.fromEntries(Object.entries(arg).map(([key, value]) => [key, swap(value)]));
    });
    if (raws.length === 0) return super.encode(packet);
    const [head, ...attachments] = super.encode({ ...packet, data: swapped });
    let text = head as string;
    raws.forEach((raw, i) => {
      // Sliced and concatenated, so that the raw text is not copied here (see RawJson.array).
      const mark = JSON.stringify(placeholder(i));
      const at = text.indexOf(mark);
      if (at === -1) throw new Error('A raw JSON value lost its place in the encoded packet');
      text = text.slice(0, at) + raw.json + text.slice(at + mark.length);
    });
    return [text, ...attachments];
  }
}
