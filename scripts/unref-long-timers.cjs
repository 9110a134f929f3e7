// Preloaded into Prisma's CLI (NODE_OPTIONS=--require): its WASM schema engine
// leaves long timers running after the command has finished, which keeps the
// process alive for up to a minute. Long timers never hold the process open.
const LONG_MS = 1000;
for (const name of ['setTimeout', 'setInterval']) {
  const original = globalThis[name];
  globalThis[name] = function patched(callback, ms, ...args) {
    const timer = original.call(this, callback, ms, ...args);
    if (typeof ms === 'number' && ms >= LONG_MS && timer && typeof timer.unref === 'function') timer.unref();
    return timer;
  };
}
