/**
 * Linux's generic errno numbers (include/uapi/asm-generic/errno-base.h and
 * errno.h, the same on x86, arm64 and most other architectures): the guest's
 * hv_netvsc prints a failed data path switch's error as `err: -110`.
 */
import { clip } from '../text/clip';

export interface ErrnoInfo {
  name: string;
  meaning: string;
}

const ERRNOS: Readonly<Record<number, ErrnoInfo>> = {
  1: { name: 'EPERM', meaning: 'operation not permitted' },
  2: { name: 'ENOENT', meaning: 'no such file or directory' },
  4: { name: 'EINTR', meaning: 'interrupted system call' },
  5: { name: 'EIO', meaning: 'I/O error' },
  6: { name: 'ENXIO', meaning: 'no such device or address' },
  11: { name: 'EAGAIN', meaning: 'try again' },
  12: { name: 'ENOMEM', meaning: 'out of memory' },
  13: { name: 'EACCES', meaning: 'permission denied' },
  14: { name: 'EFAULT', meaning: 'bad address' },
  16: { name: 'EBUSY', meaning: 'device or resource busy' },
  17: { name: 'EEXIST', meaning: 'file exists' },
  19: { name: 'ENODEV', meaning: 'no such device' },
  22: { name: 'EINVAL', meaning: 'invalid argument' },
  28: { name: 'ENOSPC', meaning: 'no space left on device' },
  32: { name: 'EPIPE', meaning: 'broken pipe' },
  34: { name: 'ERANGE', meaning: 'result out of range' },
  38: { name: 'ENOSYS', meaning: 'function not implemented' },
  61: { name: 'ENODATA', meaning: 'no data available' },
  62: { name: 'ETIME', meaning: 'timer expired' },
  71: { name: 'EPROTO', meaning: 'protocol error' },
  95: { name: 'EOPNOTSUPP', meaning: 'operation not supported' },
  100: { name: 'ENETDOWN', meaning: 'network is down' },
  101: { name: 'ENETUNREACH', meaning: 'network is unreachable' },
  103: { name: 'ECONNABORTED', meaning: 'connection aborted' },
  104: { name: 'ECONNRESET', meaning: 'connection reset by peer' },
  105: { name: 'ENOBUFS', meaning: 'no buffer space available' },
  110: { name: 'ETIMEDOUT', meaning: 'connection timed out' },
  111: { name: 'ECONNREFUSED', meaning: 'connection refused' },
  112: { name: 'EHOSTDOWN', meaning: 'host is down' },
  113: { name: 'EHOSTUNREACH', meaning: 'no route to host' },
  121: { name: 'EREMOTEIO', meaning: 'remote I/O error' },
  125: { name: 'ECANCELED', meaning: 'operation canceled' },
};

/** The errno a kernel message's `err: -110` (or `110`) names; undefined when it is not a known one. */
export function errnoOf(value: string | number): ErrnoInfo | undefined {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n)) return undefined;
  return ERRNOS[Math.abs(n)];
}

/** "-110 ETIMEDOUT (connection timed out)", or the number alone when it is unknown. */
export function describeErrno(value: string): string {
  const info = errnoOf(value);
  // A canonical `err=` takes any value: it is quoted clipped.
  return info ? `${value} ${info.name} (${info.meaning})` : `${clip(value)} (an errno this tool does not know)`;
}
