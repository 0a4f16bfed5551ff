import { describe, expect, it } from "vitest";
import { TestScheduler } from "rxjs/testing";
import { map } from "rxjs";
import { copyAndRelease, type Indication } from "@wskit/rx";

const newScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

// One pooled indication whose buffer the provider refills for every datagram, as a pooled receive
// buffer is reused once `next` returns. Retaining or releasing it here would be a bug of the operator.
function pooledIndication() {
  const buffer = new Uint8Array(2);
  const indication: Indication = {
    bytes: buffer,
    retained: false,
    retain() {
      throw new Error("copyAndRelease must not retain");
    },
    release() {
      throw new Error("copyAndRelease must not release");
    },
  };
  const indicate = (fill: number) => {
    buffer.fill(fill);
    return indication;
  };
  return indicate;
}

describe("copyAndRelease", () => {
  it("emits a copy of each indication's bytes, one for one, keeping completion", () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const indicate = pooledIndication();
      const indications = cold("a-b-c|", { a: 1, b: 2, c: 3 }).pipe(map(indicate));
      expectObservable(indications.pipe(copyAndRelease())).toBe("a-b-c|", {
        a: new Uint8Array([1, 1]),
        b: new Uint8Array([2, 2]),
        c: new Uint8Array([3, 3]),
      });
    });
  });

  it("passes an error through", () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const error = new Error("STATUS_FILE_FORCED_CLOSED");
      expectObservable(cold<Indication>("--#", undefined, error).pipe(copyAndRelease())).toBe("--#", undefined, error);
    });
  });

  it("unsubscribes from the indications when its subscriber does", () => {
    newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const indicate = pooledIndication();
      const source = cold("a-b-c-d|", { a: 1, b: 2, c: 3, d: 4 });
      expectObservable(source.pipe(map(indicate), copyAndRelease()), "^--!").toBe("a-b", {
        a: new Uint8Array([1, 1]),
        b: new Uint8Array([2, 2]),
      });
      expectSubscriptions(source.subscriptions).toBe("^--!");
    });
  });
});
