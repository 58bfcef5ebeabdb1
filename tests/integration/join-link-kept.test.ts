/**
 * [H4] The attendee join link is the one token kept recoverable (sealed under the server's secret):
 * the console shows it, and its QR code, on every visit. Every other link's token is shown once,
 * when it is made, and never again.
 */
import { expect, it } from 'vitest';
import { mintLink } from '../helpers/server.js';
import { Phone } from '../helpers/phone.js';
import { useRoom } from '../helpers/room.js';

const room = useRoom('Kept and not kept');

it('[H4] the console shows the join link on every visit; a stack-keeper link’s token never after it is made', async () => {
  const keeper = await mintLink(room.server.url, room.asm, { role: 'stack-keeper', label: 'Front table' });
  const facilitator = new Phone(room.server.url);
  await facilitator.join(room.asm.facilitatorToken);
  for (let visit = 0; visit < 2; visit++) {
    const page = await (await facilitator.get(`/a/${room.asm.id}/facilitate`)).text();
    expect(page, `visit ${visit + 1}`).toContain(`/join/${room.asm.attendeeToken}`);
    expect(page, `visit ${visit + 1}`).toContain('data-testid="join-qr"');
    expect(page, `visit ${visit + 1}`).toContain('Front table');
    expect(page, `visit ${visit + 1}`).not.toContain(keeper.token);
    expect(page, `visit ${visit + 1}`).not.toContain(room.asm.facilitatorToken);
  }
  const links = (await (
    await fetch(`${room.server.url}/api/assemblies/${room.asm.id}/links`, { headers: { authorization: `Bearer ${room.asm.facilitatorToken}` } })
  ).text()) as string;
  expect(links).not.toContain(keeper.token);
});
