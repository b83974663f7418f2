// Everything the phone says to the laptop: plain fetch and one WebSocket,
// same origin only. A write is retried with the same request id, so the
// laptop does it once however often the network drops the answer.
import type { ErrorCode, ErrorView, ParticipantDay, PhoneWrite } from '../lib/api/bindings';
import { requestId } from './ids';
import type { Patch } from './patch';

export interface Refusal {
  status: number;
  /** The core's code, or the phone's own when it reaches no laptop. */
  code: ErrorCode | 'offline';
  message_key: string;
  params: ErrorView['params'];
  /** Seconds the laptop asks to wait before trying again (429, 503). */
  retryAfter?: number;
}

export class Refused extends Error {
  constructor(public refusal: Refusal) {
    super(refusal.code);
  }
}

const offline: Refusal = { status: 0, code: 'offline', message_key: 'error.join_offline', params: {} };

async function call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers['Authorization'] = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let resp: Response;
  try {
    resp = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new Refused(offline);
  }
  const data = await resp.json().catch(() => null);
  if (!resp.ok) throw refusedBy(resp.status, data, resp.headers.get('Retry-After'));
  return data as T;
}

/** The laptop's refusal as the phone shows it, from its status and JSON body. */
function refusedBy(status: number, data: Partial<ErrorView> | null, retryAfter: string | null): Refused {
  return new Refused({
    status,
    code: data?.code ?? 'unexpected',
    message_key: data?.message_key ?? 'error.unexpected',
    params: data?.params ?? {},
    retryAfter: Number(retryAfter) || undefined,
  });
}

/** Longest wait for a busy laptop before the phone says so instead. */
const RETRY_AFTER_MAX = 10;

/** Whether a refused write is worth sending again, and after how many ms. */
export function retryDelay(e: unknown, attempt: number): number | null {
  if (!(e instanceof Refused)) return null;
  if (e.refusal.status === 0) return 400 * (attempt + 1);
  const wait = e.refusal.retryAfter;
  if ((e.refusal.status === 429 || e.refusal.status === 503) && wait !== undefined && wait <= RETRY_AFTER_MAX) {
    return wait * 1000;
  }
  return null;
}

/** Runs `send` with one request id until the laptop answers (`tries` at
 * most): after a dropped connection, or when the laptop asks to wait a few
 * seconds. The same id makes a retry harmless. */
async function retried<T>(tries: number, send: (id: string) => Promise<T>): Promise<T> {
  const id = requestId();
  let last: unknown;
  for (let attempt = 0; attempt < tries; attempt++) {
    try {
      return await send(id);
    } catch (e) {
      last = e;
      const delay = retryDelay(e, attempt);
      if (delay === null) throw e;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
  throw last;
}

/** Joining while a whole class joins through one router: the laptop asks
 * the phone to wait its turn (429, 503 with Retry-After); the phone waits,
 * says so through `waiting`, and tries again, up to about two minutes. */
export async function patiently<T>(send: () => Promise<T>, waiting: (seconds: number) => void): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (e) {
      const wait = e instanceof Refused && (e.refusal.status === 429 || e.refusal.status === 503) ? e.refusal.retryAfter : undefined;
      if (wait === undefined || attempt >= 40) throw e;
      waiting(wait);
      await new Promise((r) => setTimeout(r, Math.min(wait, RETRY_AFTER_MAX) * 1000));
    }
  }
}

/** Sends a write until the laptop answers it (three tries, same id). */
function send<T>(token: string, item: Item, write: PhoneWrite): Promise<T> {
  return retried(3, (id) => call<T>('POST', '/api/write', token, { request_id: id, item, write }));
}

/** One try at sending a photo: the file's bytes as they are, the caption
 * percent-encoded in a header; `progress` hears how much has gone out. XHR,
 * not fetch: only XHR tells how far an upload has come. */
function postPhoto(path: string, token: string, file: Blob, caption: string, progress: (done: number) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('X-Caption', encodeURIComponent(caption));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) progress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let data = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON: the status alone says what happened.
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(refusedBy(xhr.status, data, xhr.getResponseHeader('Retry-After')));
    };
    xhr.onerror = () => reject(new Refused(offline));
    xhr.send(file);
  });
}

/** The agenda item a write is made for (the one the phone shows); null between items. */
type Item = string | null;

export const api = {
  code: (code: string) => call<{ secret: string }>('POST', '/api/code', null, { code }),
  session: (secret: string) => call<{ named: boolean; title: string }>('POST', '/api/session', null, { secret }),
  join: (secret: string, name: string) =>
    call<{ token: string; named: boolean; name: string }>('POST', '/api/join', null, { secret, name }),
  day: (token: string) => call<ParticipantDay>('GET', '/api/day', token),
  /** Which actor group the phone belongs to; "" for "rather not say". */
  actorGroup: (token: string, group: string) => call<null>('POST', '/api/actor-group', token, { group }),
  /** Every write a phone makes: one type, the core's (`PhoneWrite`). */
  write: <T = unknown>(token: string, item: Item, write: PhoneWrite) => send<T>(token, item, write),
  /** A photo for the Fotoprotokoll; while many arrive the laptop asks to
   * wait, so it is tried more often than a card. */
  sendPhoto: (token: string, item: Item, file: Blob, caption: string, progress: (done: number) => void) =>
    retried(8, (id) => {
      const at = item ? `&item=${encodeURIComponent(item)}` : '';
      return postPhoto(`/api/photos?request_id=${id}${at}`, token, file, caption, progress);
    }),
};

/** What the laptop says on a phone's socket. */
interface SocketMessage {
  type: string;
  day?: ParticipantDay;
  patch?: Patch;
}

/** How the page hears of the laptop's changes. */
export interface Following {
  /** The whole day: when the socket opens, or when shorter than its change. */
  day: (day: ParticipantDay) => void;
  /** What changed in the day last received. */
  patch: (patch: Patch) => void;
  /** Something changed that the laptop could not send: load the day. */
  reload: () => void;
  ended: () => void;
  connected: (up: boolean) => void;
}

/**
 * Follows the laptop over a WebSocket: the laptop sends the day when the
 * socket opens and then what changed in it, so the phone asks for nothing
 * while the room writes. Mobile browsers drop sockets when the screen
 * locks, so it reconnects when the page is shown again and after a drop,
 * and the new socket brings the whole day again.
 */
export function follow(token: string, on: Following): () => void {
  let socket: WebSocket | null = null;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let delay = 500;

  const connect = () => {
    if (stopped || (socket && socket.readyState <= WebSocket.OPEN)) return;
    clearTimeout(retry);
    const ws = new WebSocket(`ws://${location.host}/api/ws?token=${encodeURIComponent(token)}`);
    socket = ws;
    ws.onopen = () => {
      delay = 500;
      on.connected(true);
    };
    ws.onmessage = (ev) => {
      let msg: SocketMessage;
      try {
        msg = JSON.parse(typeof ev.data === 'string' ? ev.data : '') as SocketMessage;
      } catch {
        return;
      }
      if (msg.type === 'ended') {
        stopped = true;
        on.ended();
      } else if (msg.day) {
        on.day(msg.day);
      } else if (msg.patch) {
        on.patch(msg.patch);
      } else if (msg.type === 'changed' || msg.type === 'item') {
        on.reload();
      }
    };
    ws.onclose = () => {
      if (socket === ws) socket = null;
      if (stopped) return;
      on.connected(false);
      retry = setTimeout(connect, delay);
      delay = Math.min(delay * 2, 8000);
    };
  };
  const wake = () => {
    if (document.visibilityState === 'visible') connect();
  };
  document.addEventListener('visibilitychange', wake);
  window.addEventListener('pageshow', wake);
  window.addEventListener('online', wake);
  connect();
  return () => {
    stopped = true;
    clearTimeout(retry);
    document.removeEventListener('visibilitychange', wake);
    window.removeEventListener('pageshow', wake);
    window.removeEventListener('online', wake);
    socket?.close();
  };
}
