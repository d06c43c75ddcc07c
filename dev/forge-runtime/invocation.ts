/** One invocation of a function, as the platform tracks it. */
export interface Invocation {
  id: string;
  functionKey: string;
  moduleKey: string;
  /** The calling user (resolvers); absent for triggers and consumers. */
  principal: string | undefined;
  /** Epoch ms of the invocation's clock when it started and when Forge stops it. */
  startedAt: number;
  deadline: number;
  /** Egress requests made so far (Forge allows 100 per runtime-minute). */
  egress: number;
  /** Finished, or stopped at its deadline: every later platform call fails. */
  over: boolean;
  logs: string[];
}

/** How the runtime reports a function that ran past its time limit (Forge kills it). */
export class InvocationTimeoutError extends Error {
  constructor(functionKey: string, seconds: number) {
    super(`Function ${functionKey} timed out after ${seconds} s`);
    this.name = 'InvocationTimeoutError';
  }
}

/** A function that threw: its error, carried into the host's realm with its name and message. */
export class FunctionError extends Error {
  constructor(functionKey: string, cause: unknown) {
    const inner = cause as { name?: unknown; message?: unknown } | null;
    super(`Function ${functionKey} failed: ${String(inner?.name ?? 'Error')}: ${String(inner?.message ?? cause)}`);
    this.name = typeof inner?.name === 'string' ? inner.name : 'FunctionError';
  }
}

export function checkAlive(invocation: Invocation | null, now: number, what: string): Invocation {
  if (!invocation || invocation.over)
    throw new Error(`${what}: the invocation is over (Forge has stopped the function)`);
  if (now > invocation.deadline) {
    invocation.over = true;
    throw new Error(`${what}: the invocation ran past its time limit`);
  }
  return invocation;
}

/** A module or function the manifest does not declare (a web trigger URL with an unknown key, for one). */
export class UnknownModuleError extends Error {
  constructor(what: string) {
    super(`No ${what} in the manifest`);
    this.name = 'UnknownModuleError';
  }
}
