// A small real filesystem for disk-full tests: a tmpfs of a few MB mounted over one directory, in
// a private mount namespace of the server's own (util-linux `unshare`, no root needed where user
// namespaces are allowed), with a ballast file that leaves only a little room. The test gives the
// room back by deleting the ballast through /proc/PID/root, which sees the server's mounts.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

let probed: string | null | undefined;

/** Null when a private tmpfs can be mounted here; otherwise why not. Under CI=true it throws instead. */
export function smallDiskSkipReason(): string | null {
  if (probed === undefined) {
    const r = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=1m tmpfs "$d" && umount "$d" && rmdir "$d"'], { encoding: 'utf8', timeout: 10_000 });
    probed = r.status === 0 ? null : `cannot mount a private tmpfs (unshare --user --mount: ${(r.stderr || r.error?.message || `exit ${r.status}`).trim()})`;
  }
  if (probed && process.env.CI === 'true') throw new Error(`CI=true and ${probed}`);
  return probed;
}

/** Launches `node args...` with `dir` replaced by a tmpfs of `sizeKiB`, filled but for `freeKiB` by dir/ballast. */
export function onSmallDisk(dir: string, sizeKiB: number, freeKiB: number) {
  return (node: string, args: string[]) => ({
    command: 'unshare',
    args: [
      '--user', '--map-root-user', '--mount', 'sh', '-c',
      `mount -t tmpfs -o size=${sizeKiB}k tmpfs "$0" && head -c ${(sizeKiB - freeKiB) * 1024} /dev/zero > "$0/ballast" 2>/dev/null; exec "$@"`,
      dir, node, ...args,
    ],
  });
}

/** Gives the room back: deletes the ballast in the server's view of `dir`. */
export function freeSmallDisk(pid: number, dir: string): void {
  rmSync(`/proc/${pid}/root${dir}/ballast`);
}
