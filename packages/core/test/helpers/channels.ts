// Subscribers to diagnostics channels for the tests, unsubscribed after each test.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { afterEach } from "vitest";

const subscriptions: Array<[string, (message: unknown) => void]> = [];
afterEach(() => {
  for (const [name, listener] of subscriptions.splice(0)) unsubscribe(name, listener);
});

/** The messages `name` publishes from now until the end of the test. */
export function collect<T>(name: string): T[] {
  const messages: T[] = [];
  const listener = (message: unknown) => void messages.push(message as T);
  subscribe(name, listener);
  subscriptions.push([name, listener]);
  return messages;
}
