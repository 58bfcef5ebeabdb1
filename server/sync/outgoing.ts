import * as wsModule from 'ws';

/** ws exports its Sender at run time; @types/ws does not declare it. */
const Sender = (wsModule as unknown as { Sender: { frame(data: Buffer, options: object): Buffer[] } }).Sender;

/**
 * One message on its way to many sockets. The websocket frame around it (server frames are
 * not masked, so every socket gets the same bytes) is built once, on first use, and written
 * to each socket as is: per socket that is one write, with no framing work.
 */
export class Outgoing {
  private framed: Buffer | null = null;

  constructor(readonly message: Uint8Array) {}

  get frame(): Buffer {
    if (!this.framed) {
      const data = Buffer.from(this.message.buffer, this.message.byteOffset, this.message.byteLength);
      const parts = Sender.frame(data, { fin: true, rsv1: false, opcode: 0x02, mask: false, readOnly: false });
      this.framed = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    }
    return this.framed;
  }
}
