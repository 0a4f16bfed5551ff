import { describe, expect, it } from "vitest";
import { TestScheduler } from "rxjs/testing";
import { map, of } from "rxjs";
import { concatMapRetained, mergeMapRetained } from "@wskit/rx";
import { fakeIndications } from "../helpers/fakeIndication";

const newScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe("mergeMapRetained", () => {
  it("retains each indication on arrival, runs at most `concurrency` projections, releases each as its projection completes", () => {
    const scheduler = newScheduler();
    scheduler.run(({ cold, expectObservable, flush }) => {
      const { log, make } = fakeIndications(() => scheduler.now());
      const source = cold("abc|").pipe(map(make));
      const result = source.pipe(mergeMapRetained((i) => cold("--x|", { x: i.name.toUpperCase() }), 2));
      // a and b run at once; c waits for a's projection (complete at 3) and runs 3..6.
      expectObservable(result).toBe("--AB-C|");
      flush();
      expect(log).toEqual(["0:retain a", "1:retain b", "2:retain c", "3:release a", "4:release b", "6:release c"]);
    });
  });

  it("is concatMapRetained with concurrency 1: one at a time, in order", () => {
    const scheduler = newScheduler();
    scheduler.run(({ cold, expectObservable, flush }) => {
      const { log, make } = fakeIndications(() => scheduler.now());
      const result = cold("ab|").pipe(map(make), concatMapRetained((i) => cold("-x|", { x: i.name })));
      expectObservable(result).toBe("-a-b|");
      flush();
      expect(log).toEqual(["0:retain a", "1:retain b", "2:release a", "4:release b"]);
    });
  });

  it("releases the running and the waiting indications when unsubscribed", () => {
    const scheduler = newScheduler();
    scheduler.run(({ cold, expectObservable, flush }) => {
      const { log, make } = fakeIndications(() => scheduler.now());
      const result = cold("abc").pipe(map(make), mergeMapRetained((i) => cold("-----x|", { x: i.name }), 1));
      expectObservable(result, "^---!").toBe("----");
      flush();
      expect(log).toEqual(["0:retain a", "1:retain b", "2:retain c", "4:release a", "4:release b", "4:release c"]);
    });
  });

  it("a projection's error releases everything held and is passed on", () => {
    const scheduler = newScheduler();
    scheduler.run(({ cold, expectObservable, flush }) => {
      const { log, make } = fakeIndications(() => scheduler.now());
      const result = cold("ab").pipe(
        map(make),
        mergeMapRetained((i) => (i.name === "a" ? cold("--#", undefined, new Error("boom")) : cold("-----x|")), 2),
      );
      expectObservable(result).toBe("--#", undefined, new Error("boom"));
      flush();
      expect(log).toEqual(["0:retain a", "1:retain b", "2:release a", "2:release b"]);
    });
  });

  it("a throwing project releases its indication and errors", () => {
    const scheduler = newScheduler();
    scheduler.run(({ cold, expectObservable, flush }) => {
      const { log, make } = fakeIndications(() => scheduler.now());
      const result = cold("a").pipe(
        map(make),
        mergeMapRetained(() => {
          throw new Error("project");
        }),
      );
      expectObservable(result).toBe("#", undefined, new Error("project"));
      flush();
      expect(log).toEqual(["0:retain a", "0:release a"]);
    });
  });

  it("takes over an indication retained upstream instead of retaining it twice; synchronous projections release at once", () => {
    const scheduler = newScheduler();
    scheduler.run(({ cold, expectObservable, flush }) => {
      const { log, make } = fakeIndications(() => scheduler.now());
      const result = cold("a|").pipe(
        map((name) => make(name).retain()),
        mergeMapRetained((i) => of(i.name)),
      );
      expectObservable(result).toBe("a|");
      flush();
      expect(log).toEqual(["0:retain a", "0:release a"]);
    });
  });

  it("takes a Promise as the projection and completes after the source and every projection", async () => {
    const { log, make } = fakeIndications(() => 0);
    const values: string[] = [];
    await new Promise<void>((resolve, reject) =>
      of("a", "b", "c")
        .pipe(
          map(make),
          mergeMapRetained(async (i) => {
            await new Promise((r) => setTimeout(r, 1));
            return i.name;
          }, 2),
        )
        .subscribe({ next: (v) => values.push(v), error: reject, complete: resolve }),
    );
    expect(values.sort()).toEqual(["a", "b", "c"]);
    expect(log.filter((l) => l.includes("release"))).toHaveLength(3);
  });

  it("refuses a concurrency that is not a positive integer or Infinity", () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => mergeMapRetained(() => of(1), bad)).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
    }
  });

  it("an error of the source releases what is held and is passed on", () => {
    const scheduler = newScheduler();
    scheduler.run(({ cold, expectObservable, flush }) => {
      const { log, make } = fakeIndications(() => scheduler.now());
      const result = cold("a-#").pipe(map(make), mergeMapRetained((i) => cold("-----x|", { x: i.name })));
      expectObservable(result).toBe("--#");
      flush();
      expect(log).toEqual(["0:retain a", "2:release a"]);
    });
  });
});
