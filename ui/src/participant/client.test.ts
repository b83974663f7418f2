import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, follow, patiently } from './client';

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

  const listener = () => ({ day: vi.fn(), patch: vi.fn(), reload: vi.fn(), ended: vi.fn(), connected: vi.fn() });

  it('takes the day the socket brings, then each change, and says when the session ended', () => {
    page();
    const on = listener();
    follow('tok', on);
    const ws = FakeSocket.all[0]!;
    expect(ws.url).toBe('ws://192.168.1.20:8421/api/ws?token=tok');
    ws.open();
    expect(on.connected).toHaveBeenLastCalledWith(true);
    ws.onmessage?.({ data: '{"type":"hello","update":3,"day":{"title":"Bürgerdialog"}}' });
    expect(on.day).toHaveBeenCalledWith({ title: 'Bürgerdialog' });
    ws.onmessage?.({ data: '{"type":"changed","update":7,"patch":{"o":{"title":{"=":"Neu"}}}}' });
    expect(on.patch).toHaveBeenCalledWith({ o: { title: { '=': 'Neu' } } });
    // A change the laptop could not send: the phone loads the day itself.
    ws.onmessage?.({ data: '{"type":"item"}' });
    expect(on.reload).toHaveBeenCalledTimes(1);
    ws.onmessage?.({ data: 'not json' });
    ws.onmessage?.({ data: '{"type":"ended"}' });
    expect(on.ended).toHaveBeenCalledTimes(1);
    expect(on.reload).toHaveBeenCalledTimes(1);
  });

  it('reconnects after a drop and when a locked phone shows the page again', () => {
    vi.useFakeTimers();
    const p = page();
    const on = listener();
    follow('tok', on);
    FakeSocket.all[0]!.open();
    FakeSocket.all[0]!.drop();
    expect(on.connected).toHaveBeenLastCalledWith(false);
    vi.advanceTimersByTime(600);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1]!.open();
    expect(on.connected).toHaveBeenLastCalledWith(true);
    // The screen locks: the browser drops the socket; showing the page
    // again reconnects at once (and the new socket brings the day).
    FakeSocket.all[1]!.drop();
    p.fire('visibilitychange');
    expect(FakeSocket.all).toHaveLength(3);
    FakeSocket.all[2]!.open();
    expect(on.connected).toHaveBeenLastCalledWith(true);
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
    const sent = api.write('tok', 'item-1', { kind: 'add_card', field_id: 'f1', input: { text: 'Mehr Bänke', color: 'yellow', author: '' } });
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
    await expect(api.write('tok', null, { kind: 'add_dot', target: { kind: 'card', id: 'c1' } })).rejects.toMatchObject({
      refusal: { code: 'vote_closed', status: 409 },
    });
  });
});

describe('joining while the laptop asks to wait', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('waits as told, says so, and joins; a refusal without a wait is shown at once', async () => {
    vi.useFakeTimers();
    const busy = () =>
      new Response('{"code":"rate_limited","message_key":"error.join_rate_limited","params":{"seconds":"3"}}', {
        status: 429,
        headers: { 'Retry-After': '3' },
      });
    const answers = [busy(), busy(), new Response('{"token":"t","named":false,"name":""}', { status: 200 })];
    const fetch = vi.fn(async () => answers.shift()!);
    vi.stubGlobal('fetch', fetch);
    const waits: number[] = [];
    const joined = patiently(() => api.join('s'.repeat(32), ''), (s) => waits.push(s));
    await vi.advanceTimersByTimeAsync(5900);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(200);
    await expect(joined).resolves.toMatchObject({ token: 't' });
    expect(waits).toEqual([3, 3]);

    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"code":"device_full","message_key":"error.join_device_full","params":{}}', { status: 403 })));
    await expect(patiently(() => api.join('s'.repeat(32), ''), () => {})).rejects.toMatchObject({ refusal: { code: 'device_full' } });
  });
});
