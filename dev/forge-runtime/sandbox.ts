import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { webcrypto } from 'node:crypto';

/**
 * Time as the deployed code sees it. Real on the local host; virtual in tests and the scenario
 * runner, where a wait moves the clock instead of blocking (a Retry-After of 60 s costs nothing).
 */
export interface SandboxTime {
  now(): number;
  /** Present for virtual time: a timer of `ms` moves the clock by `ms` and fires at once. */
  advance?: (ms: number) => void;
}

/** What the runtime puts into the sandbox: Forge's globals, and egress `fetch`. */
export interface SandboxGlobals {
  __forge_fetch__: (descriptor: Record<string, unknown>, path: string, init?: RequestInit) => Promise<Response>;
  __forge_runtime__: unknown;
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  console: Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'>;
}

const scripts = new Map<string, { mtimeMs: number; script: vm.Script }>();

function compiled(file: string): vm.Script {
  const { mtimeMs } = fs.statSync(file);
  const cached = scripts.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.script;
  const source = fs.readFileSync(file, 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
  });
  scripts.set(file, { mtimeMs, script });
  return script;
}

/**
 * One "function container": the deployed bundle evaluated in its own V8 context, as Forge runs
 * each invocation in a container of its own. Why a context and not `require`: the composition
 * root reads time from `Date` and waits with `setTimeout`, as it must on Forge; a context gives
 * the bundle its own `Date` and timers, so tests can run it on a virtual clock without the app
 * knowing, and without faking time for the simulators, jest or Node itself.
 */
export function loadBundleInSandbox(
  bundleFile: string,
  globals: SandboxGlobals,
  time: SandboxTime,
  env: Record<string, string> = {},
): Record<string, unknown> {
  const timers = time.advance ? virtualTimers(time.advance) : { setTimeout, clearTimeout, setInterval, clearInterval };
  const context = vm.createContext({
    ...globals,
    // The function's environment variables only (`forge variables`), not the host's.
    process: Object.create(process, {
      env: { value: { NODE_ENV: 'production', ...env }, enumerable: true },
    }) as NodeJS.Process,
    Buffer,
    URL,
    URLSearchParams,
    TextEncoder,
    TextDecoder,
    AbortController,
    AbortSignal,
    Headers,
    Request,
    Response,
    FormData,
    Blob,
    structuredClone,
    queueMicrotask,
    setImmediate,
    clearImmediate,
    performance,
    atob,
    btoa,
    crypto: webcrypto,
    ...timers,
  });
  context.global = context;
  const installClock = vm.runInContext(
    `(function (now) {
      const RealDate = Date;
      function ClockDate(...args) {
        if (!new.target) return new RealDate(now()).toString();
        return args.length > 0 ? new RealDate(...args) : new RealDate(now());
      }
      ClockDate.prototype = RealDate.prototype;
      ClockDate.now = () => now();
      ClockDate.parse = RealDate.parse;
      ClockDate.UTC = RealDate.UTC;
      globalThis.Date = ClockDate;
    })`,
    context,
  ) as (now: () => number) => void;
  installClock(() => time.now());
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = compiled(bundleFile).runInContext(context) as (...args: unknown[]) => void;
  wrapper(module.exports, createRequire(bundleFile), module, bundleFile, path.dirname(bundleFile));
  return module.exports;
}

/** Timers on a virtual clock: waiting `ms` moves the clock by `ms`, and the callback runs next turn. */
function virtualTimers(advance: (ms: number) => void) {
  const setVirtualTimeout = (callback: (...args: unknown[]) => void, ms = 0, ...args: unknown[]) => {
    advance(Math.max(0, Number(ms) || 0));
    return setImmediate(() => callback(...args));
  };
  const clear = (handle: ReturnType<typeof setImmediate> | undefined) => handle && clearImmediate(handle);
  const refuse = () => {
    throw new Error('setInterval is not available on the virtual clock');
  };
  return { setTimeout: setVirtualTimeout, clearTimeout: clear, setInterval: refuse, clearInterval: clear };
}
