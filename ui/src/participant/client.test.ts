import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, follow } from './client';

// A stand-in for the browser's WebSocket: the test opens, closes and sends.
class FakeSocket {
  static all: FakeSocket[] = [];
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  readyState = FakeSocket.CONNECTING;
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(public url: string) {
    FakeSocket.all.push(this);
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
  close() {
    this.drop();
  }
}

function page() {
  const listeners: Record<string, (() => void)[]> = {};
  const target = {
    addEventListener: (name: string, f: () => void) => (listeners[name] ??= []).push(f),
    removeEventListener: () => {},
  };
  const document = { ...target, visibilityState: 'visible' };
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('document', document);
  vi.stubGlobal('window', target);
  vi.stubGlobal('location', { host: '192.168.1.20:8421' });
  return { fire: (name: string) => (listeners[name] ?? []).forEach((f) => f()), document };
}

describe('follow', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
    FakeSocket.all = [];
  });

  it('reloads when it connects, on every update, and says when the session ended', () => {
    page();
    const on = { changed: vi.fn(), ended: vi.fn(), connected: vi.fn() };
    follow('tok', on);
    const ws = FakeSocket.all[0]!;
    expect(ws.url).toBe('ws://192.168.1.20:8421/api/ws?token=tok');
    ws.open();
    expect(on.changed).toHaveBeenCalledTimes(1);
    ws.onmessage?.({ data: '{"type":"changed","update":7}' });
    expect(on.changed).toHaveBeenCalledTimes(2);
    ws.onmessage?.({ data: '{"type":"ended"}' });
    expect(on.ended).toHaveBeenCalledTimes(1);
  });

  it('reconnects after a drop and when a locked phone shows the page again', () => {
    vi.useFakeTimers();
    const p = page();
    const on = { changed: vi.fn(), ended: vi.fn(), connected: vi.fn() };
    follow('tok', on);
    FakeSocket.all[0]!.open();
    FakeSocket.all[0]!.drop();
    expect(on.connected).toHaveBeenLastCalledWith(false);
    vi.advanceTimersByTime(600);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1]!.open();
    expect(on.changed).toHaveBeenCalledTimes(2);
    // The screen locks: the browser drops the socket; showing the page
    // again reconnects at once and reloads.
    FakeSocket.all[1]!.drop();
    p.fire('visibilitychange');
    expect(FakeSocket.all).toHaveLength(3);
    FakeSocket.all[2]!.open();
    expect(on.changed).toHaveBeenCalledTimes(3);
    p.fire('pageshow');
    expect(FakeSocket.all).toHaveLength(3);
  });
});

describe('a write the laptop asks to wait for', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('is sent again after Retry-After with the same request id, and not after a plain refusal', async () => {
    vi.useFakeTimers();
    const bodies: { request_id: string }[] = [];
    const answers = [
      new Response('{"code":"rate_limited","message_key":"error.join_rate_limited","params":{"seconds":"2"}}', {
        status: 429,
        headers: { 'Retry-After': '2' },
      }),
      new Response('{"id":"c1"}', { status: 200 }),
    ];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_path: string, init: { body: string }) => {
        bodies.push(JSON.parse(init.body));
        return answers.shift()!;
      }),
    );
    const sent = api.addCard('tok', 'item-1', 'f1', 'Mehr Bänke', 'yellow');
    await vi.advanceTimersByTimeAsync(1900);
    expect(bodies).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    await expect(sent).resolves.toEqual({ id: 'c1' });
    expect(bodies).toHaveLength(2);
    expect(bodies[1]!.request_id).toBe(bodies[0]!.request_id);
    expect((bodies[0] as Record<string, unknown>).item).toBe('item-1');

    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{"code":"vote_closed","message_key":"error.vote_closed","params":{}}', { status: 409 })),
    );
    await expect(api.addDot('tok', null, { kind: 'card', id: 'c1' })).rejects.toMatchObject({
      refusal: { code: 'vote_closed', status: 409 },
    });
  });
});
