// The main thread's side of the log's I/O thread (log-io-thread.mjs): one write+fdatasync at a
// time, each on a buffer moved (not copied) to the thread.
import { Worker } from 'node:worker_threads';

interface Reply {
  id: number;
  ok: boolean;
  code?: string | null;
  message?: string;
  ms?: number;
}

export class LogIo {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (ioMs: number) => void; reject: (e: Error) => void }>();
  private dead: Error | null = null;

  constructor() {
    // No inherited node flags: the thread is plain JavaScript, and flags such as --input-type break it.
    this.worker = new Worker(new URL('./log-io-thread.mjs', import.meta.url), { execArgv: [] });
    this.worker.on('message', (r: Reply) => {
      const w = this.waiting.get(r.id);
      if (!w) return;
      this.waiting.delete(r.id);
      if (this.waiting.size === 0) this.worker.unref();
      if (r.ok) w.resolve(r.ms ?? 0);
      else w.reject(Object.assign(new Error(r.message ?? 'log write failed'), { code: r.code ?? undefined }));
    });
    const fail = (err: Error): void => {
      this.dead = err;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`log I/O thread exited with code ${code}`)));
    // An idle log must not keep the process alive; a write in flight must (ref'd while one waits).
    this.worker.unref();
  }

  /**
   * Writes `buf` at `position` of `fd` and fdatasyncs it; resolves with the thread's own time for
   * it (the disk's share of the wait). `buf` must own its whole ArrayBuffer: it moves to the thread.
   */
  writeAndSync(fd: number, position: number, buf: Buffer): Promise<number> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<number>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.ref();
      const ab = buf.buffer as ArrayBuffer;
      this.worker.postMessage({ id, fd, position, buffer: ab, length: buf.length }, [ab]);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
