import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Fifo } from "@wskit/core";

describe("Fifo", () => {
  it("behaves as an array used as a queue, through growth and wrap-around", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("push" as const), value: fc.integer() }),
      fc.record({ kind: fc.constant("unshift" as const), value: fc.integer() }),
      fc.record({ kind: fc.constant("shift" as const) }),
      fc.record({ kind: fc.constant("remove" as const), index: fc.nat({ max: 40 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const fifo = new Fifo<number>(2);
        const model: number[] = [];
        for (const o of ops) {
          if (o.kind === "push") {
            fifo.push(o.value);
            model.push(o.value);
          } else if (o.kind === "unshift") {
            fifo.unshift(o.value);
            model.unshift(o.value);
          } else if (o.kind === "shift") expect(fifo.shift()).toBe(model.shift());
          else if (model.length > 0) {
            const value = model[o.index % model.length] as number;
            expect(fifo.remove(value)).toBe(true);
            model.splice(model.indexOf(value), 1);
          }
          expect(fifo.size).toBe(model.length);
          expect(fifo.peek()).toBe(model[0]);
        }
        const rest: number[] = [];
        fifo.drain((v) => rest.push(v));
        expect(rest).toEqual(model);
      }),
    );
  });

  it("says when an item to remove is absent", () => {
    const fifo = new Fifo<string>();
    fifo.push("a");
    expect(fifo.remove("b")).toBe(false);
    expect(fifo.shift()).toBe("a");
    expect(fifo.shift()).toBeUndefined();
  });
});
