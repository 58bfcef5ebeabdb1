/**
 * `GET /language` ([N34]): the language switcher's form address, opened by a reload, a bookmark or
 * a curious person, goes back to a page of this site (the same rule as the form's `back`, [W1]),
 * never to another site, and is never a 500.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ remix: 'build' });
});
afterAll(async () => {
  await server?.close();
});

const get = async (path: string) => {
  const res = await fetch(`${server.url}${path}`, { redirect: 'manual' });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get('location') };
};

it('[N34] GET /language redirects to `back` when it is a path on this site, else to /', async () => {
  expect(await get('/language')).toEqual({ status: 302, location: '/' });
  expect(await get('/language?back=%2Fa%2Fabc')).toEqual({ status: 302, location: '/a/abc' });
  for (const back of ['//evil.example', 'https://evil.example/', '/\\evil.example', '/x/..//evil.example']) {
    expect(await get(`/language?back=${encodeURIComponent(back)}`)).toEqual({ status: 302, location: '/' });
  }
});
