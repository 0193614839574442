// biome-ignore-all lint/suspicious/noExplicitAny: proxies over third-party clients whose types we do not import
type AnyFn = (...args: any[]) => any;

/**
 * A view of `target` in which the methods at the dotted `routes` paths ("chat.completions.create") are
 * replaced; everything else is the original, methods bound to their own object (the clients keep private
 * state that a proxy as `this` could not reach).
 */
export function intercept<T extends object>(
  target: T,
  routes: Record<string, (original: AnyFn, self: object) => AnyFn>,
  prefix = "",
): T {
  return new Proxy(target, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t);
      if (typeof prop !== "string") return typeof value === "function" ? value.bind(t) : value;
      const path = prefix ? `${prefix}.${prop}` : prop;
      const route = routes[path];
      if (route && typeof value === "function") return route(value as AnyFn, t);
      if (value && typeof value === "object" && Object.keys(routes).some((r) => r.startsWith(`${path}.`))) {
        return intercept(value as object, routes, path);
      }
      return typeof value === "function" ? value.bind(t) : value;
    },
  });
}

/**
 * A stream whose async iteration passes each item through `onItem` (which may hide it: returns false) and
 * calls `onEnd` once with whether it ran to its end; its other members are the original's.
 */
export function observeStream<S extends object>(
  stream: S,
  onItem: (item: any) => boolean,
  onEnd: (completed: boolean, error?: unknown) => void,
): S {
  const iterate = async function* () {
    let completed = false;
    let failure: unknown;
    try {
      for await (const item of stream as unknown as AsyncIterable<unknown>) {
        if (onItem(item)) yield item;
      }
      completed = true;
    } catch (err) {
      failure = err;
      throw err;
    } finally {
      onEnd(completed, failure);
    }
  };
  return new Proxy(stream, {
    get(t, prop) {
      if (prop === Symbol.asyncIterator) return iterate;
      const value = Reflect.get(t, prop, t);
      return typeof value === "function" ? value.bind(t) : value;
    },
  });
}
