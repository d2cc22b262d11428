/**
 * IPv4/IPv6 address parsing and CIDR ranges for the `cidr` filter (and for exact matches on IP strings,
 * which EventBridge compares as addresses, not text). No DNS, no zone ids: literals only.
 * Mask limits follow aws/event-ruler, the engine behind EventBridge: IPv4 `/0`–`/31`, IPv6 `/0`–`/127`.
 */

export type IpBytes = readonly number[];

export interface IpRange {
  /** Lowest and highest address of the block, byte by byte (4 bytes for IPv4, 16 for IPv6). */
  low: IpBytes;
  high: IpBytes;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

const parseIpv4 = (text: string): number[] | undefined => {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  const bytes = m.slice(1, 5).map(Number);
  return bytes.every((b) => b <= 255) ? bytes : undefined;
};

/** Groups of one side of a `::`; a trailing dotted quad counts as two groups. */
const parseIpv6Groups = (side: string): number[] | undefined => {
  if (side === '') return [];
  const parts = side.split(':');
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (!v4) return undefined;
      groups.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
    } else if (HEX_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
};

const parseIpv6 = (text: string): number[] | undefined => {
  if (!text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseIpv6Groups(halves[0]);
  const tail = halves.length === 2 ? parseIpv6Groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  // A dotted quad is only allowed at the very end of the address.
  if (halves.length === 2 && halves[0].includes('.')) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
};

/** The address's bytes, or undefined when `text` is not an IPv4 or IPv6 literal. */
export const parseIpAddress = (text: string): IpBytes | undefined => parseIpv4(text) ?? parseIpv6(text);

export const sameIpAddress = (a: string, b: string): boolean => {
  const x = parseIpAddress(a);
  const y = parseIpAddress(b);
  return !!x && !!y && x.length === y.length && x.every((byte, i) => byte === y[i]);
};

/** Parses `address/bits`; throws an Error whose message says what is wrong (EventBridge's wording). */
export const parseCidr = (text: string): IpRange => {
  const slashed = text.split('/');
  if (slashed.length !== 2) throw new Error("Malformed CIDR, one '/' required");
  if (!/^-?\d+$/.test(slashed[1])) throw new Error('Malformed CIDR, mask bits must be an integer');
  const maskBits = Number(slashed[1]);
  if (maskBits < 0) throw new Error('Malformed CIDR, mask bits must not be negative');
  const base = parseIpAddress(slashed[0]);
  if (!base) throw new Error(`Invalid IP address: ${slashed[0]}`);
  if (base.length === 4 && maskBits > 31) throw new Error('IPv4 mask bits must be < 32');
  if (base.length === 16 && maskBits > 127) throw new Error('IPv6 mask bits must be < 128');

  const low: number[] = [];
  const high: number[] = [];
  base.forEach((byte, i) => {
    const fixedBits = Math.min(8, Math.max(0, maskBits - i * 8));
    const hostMask = 0xff >> fixedBits;
    low.push(byte & ~hostMask & 0xff);
    high.push(byte | hostMask);
  });
  return { low, high };
};

const compareBytes = (a: IpBytes, b: IpBytes): number => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
};

/** Whether a string value is an address of the range's family inside the range. */
export const ipInRange = (value: string, range: IpRange): boolean => {
  const ip = parseIpAddress(value);
  if (!ip || ip.length !== range.low.length) return false;
  return compareBytes(ip, range.low) >= 0 && compareBytes(ip, range.high) <= 0;
};
