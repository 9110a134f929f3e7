// Preloaded into Prisma's CLI (NODE_OPTIONS=--require) by src/db/prisma-cli.ts. It
// fixes two bugs of the CLI's WASM schema engine (prisma 6.19, engine 'js'):
//
// 1. Lingering. The engine races every database call against a JS setTimeout of
//    10 s (60 s for some) and never clears it: the glue has no clearTimeout. Each
//    finished command then waits for its last timer before the process can exit.
//    Timers scheduled by WASM code are unref'd: they still fire if the process is
//    alive, but no longer hold it open; pending queries keep it alive meanwhile.
//    Timers scheduled from JavaScript are left alone.
//
// 2. "Error: null pointer passed to rust" after `migrate dev --create-only`: the CLI
//    calls engine.stop(), i.e. SchemaEngine.free(), twice. The second free passes
//    pointer 0 into the WASM module, which throws. Freeing pointer 0 is made a no-op.
'use strict';

function scheduledFromWasm(patched) {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 3;
  const probe = {};
  Error.captureStackTrace(probe, patched);
  Error.stackTraceLimit = limit;
  return probe.stack.includes('wasm://');
}

for (const name of ['setTimeout', 'setInterval']) {
  const original = globalThis[name];
  const patched = function (...args) {
    const timer = original.apply(this, args);
    if (typeof timer?.unref === 'function' && scheduledFromWasm(patched)) timer.unref();
    return timer;
  };
  globalThis[name] = patched;
}

const FREE_EXPORT = '__wbg_schemaengine_free';
const OriginalInstance = WebAssembly.Instance;
WebAssembly.Instance = new Proxy(OriginalInstance, {
  construct(target, args, newTarget) {
    const instance = Reflect.construct(target, args, newTarget);
    const free = instance.exports[FREE_EXPORT];
    if (typeof free !== 'function') return instance;
    const exports = {
      ...instance.exports,
      [FREE_EXPORT]: (pointer, ...rest) => (pointer === 0 ? undefined : free(pointer, ...rest)),
    };
    Object.defineProperty(instance, 'exports', { value: Object.freeze(exports) });
    return instance;
  },
});
