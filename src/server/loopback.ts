/** Loopback addresses and host names: where local mode may listen and reply, and who may read /readyz details. */
import { isIP } from 'node:net';

/** 127.0.0.0/8, ::1 and their IPv4-mapped form (::ffff:127.x.x.x), as a socket's remoteAddress reports them. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const plain = address.replace(/^\[|\]$/g, '').replace(/^::ffff:/i, '');
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1';
}

/** A loopback address or `localhost` (HOST values and service URL host names). */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || isLoopbackAddress(name);
}

/** True when `url` is an http(s) URL whose host is loopback. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false; // not a URL: certainly not a loopback one (the edge has already refused it)
  }
}
