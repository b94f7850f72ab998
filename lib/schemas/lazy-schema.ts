/**
 * A module-level schema (or protocol group) built on first use instead of when its module loads.
 *
 * Why: zod 4 builds each schema eagerly, and the shared schemas and protocol groups cost 60–90 ms to build. Every
 * Gmail and HubSpot page loads them with the content script, so they made one long task on every page load, most of
 * it for messages that page never sends. Wrapped, a page builds only what it parses, when it first parses it.
 *
 * The value behaves as the built one: property reads, `in`, `instanceof` (zod's checks read `_zod`), spreading and
 * `Object.keys` all reach it. It is the same object on every use, so identity-keyed caches still work.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const value = (): T => (built ??= build());
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(value(), key),
    set: (_, key, next) => Reflect.set(value(), key, next),
    has: (_, key) => Reflect.has(value(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(value()),
    ownKeys: () => Reflect.ownKeys(value()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(value(), key);
      // The proxy's own target is empty: a property it reports must be configurable (a Proxy invariant).
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}
