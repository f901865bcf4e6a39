// A forked bench child spoken to over IPC: requests with ids and their replies, and events.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { track } from './child-processes.ts';

export interface IpcChild {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Messages with an `event` field, by name. */
  readonly events: EventEmitter;
  /** Sends `{cmd, ...body}` and resolves with the reply, or rejects on an error reply, exit or timeout. */
  request<T = Record<string, unknown>>(cmd: string, body?: object, timeoutMs?: number): Promise<T>;
  /** Resolves with the first event of that name (rejects if the child exits first). */
  once<T = Record<string, unknown>>(event: string, timeoutMs: number): Promise<T>;
}

export function forkChild(script: string, args: string[], opts: { name: string; execArgv?: string[]; env?: NodeJS.ProcessEnv }): IpcChild {
  const child = track(
    fork(script, args, { execArgv: ['--import', 'tsx', ...(opts.execArgv ?? [])], env: opts.env ?? process.env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    opts.name,
  );
  const events = new EventEmitter();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exitReason: string | null = null;
  child.on('message', (raw: unknown) => {
    const m = raw as { reply?: number; event?: string; error?: string };
    if (typeof m.reply === 'number') {
      const p = pending.get(m.reply);
      pending.delete(m.reply);
      if (!p) return;
      if (m.error) p.reject(new Error(`${opts.name}: ${m.error}`));
      else p.resolve(m);
    } else if (typeof m.event === 'string') events.emit(m.event, m);
  });
  child.once('exit', (code, sig) => {
    exitReason = `${opts.name} exited (${code ?? sig})`;
    for (const p of pending.values()) p.reject(new Error(exitReason));
    pending.clear();
    events.emit('exit', { reason: exitReason });
  });
  return {
    child,
    pid: child.pid!,
    events,
    request<T>(cmd: string, body: object = {}, timeoutMs = 600_000): Promise<T> {
      if (exitReason) return Promise.reject(new Error(exitReason));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${opts.name}: no reply to ${cmd} within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        child.send({ cmd, id, ...body });
      });
    },
    once<T>(event: string, timeoutMs: number): Promise<T> {
      if (exitReason) return Promise.reject(new Error(exitReason));
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${opts.name}: no ${event} within ${timeoutMs} ms`));
        }, timeoutMs);
        const onEvent = (m: T): void => {
          cleanup();
          resolve(m);
        };
        const onExit = (m: { reason: string }): void => {
          cleanup();
          reject(new Error(m.reason));
        };
        const cleanup = (): void => {
          clearTimeout(timer);
          events.off(event, onEvent);
          events.off('exit', onExit);
        };
        events.on(event, onEvent);
        events.on('exit', onExit);
      });
    },
  };
}
