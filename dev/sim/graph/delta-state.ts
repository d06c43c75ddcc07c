import type { ChangeLog } from './change-log';
import type { GraphObject } from './odata-select';

export type DeltaKind = 'users' | 'groups';

/** Graph keeps directory delta tokens for seven days (facts 3.4). */
export const DEFAULT_DELTA_TOKEN_LIFETIME_SECONDS = 7 * 24 * 3600;
/** In-progress rounds kept for their nextLinks; an older round's nextLink gets syncStateNotFound. */
const MAX_OPEN_ROUNDS = 32;

/** What a `$deltatoken` carries: the initial request's options, the change position, and when it was issued. */
export interface DeltaToken {
  k: DeltaKind;
  q: Array<[string, string]>;
  s: number;
  g: number;
  t: number;
}

/** One round's answer, computed when the round starts and then served page by page. */
export interface DeltaRound {
  kind: DeltaKind;
  query: Array<[string, string]>;
  pages: GraphObject[][];
  /** Change position the round's deltaLink continues from. */
  toSeq: number;
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decode(token: string): unknown {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The sync state behind delta links. Expiring bumps the generation, which invalidates every token
 * and open round at once (as when Graph resets its sync state).
 */
export class DeltaState {
  private generation = 0;
  private nextRoundId = 1;
  private readonly rounds = new Map<number, DeltaRound>();

  constructor(
    readonly log: ChangeLog,
    private readonly tokenLifetimeMs: number,
  ) {}

  expire(): void {
    this.generation++;
    this.rounds.clear();
  }

  open(round: DeltaRound): number {
    const id = this.nextRoundId++;
    this.rounds.set(id, round);
    for (const old of this.rounds.keys()) {
      if (this.rounds.size <= MAX_OPEN_ROUNDS) break;
      this.rounds.delete(old);
    }
    return id;
  }

  skipToken(roundId: number, pageIndex: number): string {
    return encode({ r: roundId, i: pageIndex, g: this.generation });
  }

  /** The round and page a `$skiptoken` names, or undefined when it is unknown, expired or for another kind. */
  readSkipToken(token: string, kind: DeltaKind): { roundId: number; round: DeltaRound; index: number } | undefined {
    const value = decode(token) as { r?: unknown; i?: unknown; g?: unknown } | undefined;
    if (typeof value?.r !== 'number' || typeof value.i !== 'number' || value.g !== this.generation) return undefined;
    const round = this.rounds.get(value.r);
    if (!round || round.kind !== kind || !round.pages[value.i]) return undefined;
    return { roundId: value.r, round, index: value.i };
  }

  deltaToken(round: DeltaRound, nowMs: number): string {
    return encode({ k: round.kind, q: round.query, s: round.toSeq, g: this.generation, t: nowMs } satisfies DeltaToken);
  }

  /** 'malformed' for text that is no token of this kind, 'expired' for an old generation or lifetime. */
  readDeltaToken(token: string, kind: DeltaKind, nowMs: number): DeltaToken | 'malformed' | 'expired' {
    const value = decode(token) as Partial<DeltaToken> | undefined;
    if (
      value?.k !== kind ||
      !Array.isArray(value.q) ||
      typeof value.s !== 'number' ||
      value.s > this.log.current() ||
      typeof value.g !== 'number' ||
      typeof value.t !== 'number'
    )
      return 'malformed';
    if (value.g !== this.generation || nowMs - value.t > this.tokenLifetimeMs) return 'expired';
    return value as DeltaToken;
  }
}
