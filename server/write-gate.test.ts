import { afterEach, describe, expect, it, vi } from "vitest";
import { createWriteGate, IDLE_WAIT_MAX_MS, LEASE_MS, turnQueue } from "./write-gate.js";

afterEach(() => vi.useRealTimers());

describe("turnQueue", () => {
  it("grants one turn at a time, in the order asked", () => {
    const q = turnQueue();
    const granted: string[] = [];
    const a = q.request(() => granted.push("a"));
    const b = q.request(() => granted.push("b"));
    q.request(() => granted.push("c"));
    expect(granted).toEqual(["a"]);
    expect(q.waiting()).toBe(2);
    q.release(b); // b gives up its place before its turn
    expect(granted).toEqual(["a"]);
    q.release(a);
    expect(granted).toEqual(["a", "c"]);
  });

  it("a dropped holder (its process exited) passes the turn on", () => {
    const q = turnQueue();
    const granted: string[] = [];
    const mine = new Set<object>();
    mine.add(q.request(() => granted.push("w1 first")));
    q.request(() => granted.push("w2"));
    mine.add(q.request(() => granted.push("w1 second")));
    q.drop((t) => mine.has(t));
    expect(granted).toEqual(["w1 first", "w2"]);
    expect(q.waiting()).toBe(0);
  });

  it("a turn held past its lease goes to the next writer; the late release changes nothing", () => {
    vi.useFakeTimers();
    const q = turnQueue();
    const granted: string[] = [];
    const hung = q.request(() => granted.push("hung"));
    const next = q.request(() => granted.push("next"));
    q.request(() => granted.push("last"));
    vi.advanceTimersByTime(LEASE_MS - 1);
    expect(granted).toEqual(["hung"]);
    vi.advanceTimersByTime(1);
    expect(granted).toEqual(["hung", "next"]);
    q.release(hung);
    expect(granted).toEqual(["hung", "next"]);
    q.release(next);
    expect(granted).toEqual(["hung", "next", "last"]);
  });
});

describe("createWriteGate (one process)", () => {
  it("a second writer waits, without blocking, until the first ends its turn; ending twice is harmless", async () => {
    const gate = createWriteGate();
    const order: string[] = [];
    const endFirst = await gate.acquire();
    const second = gate.acquire().then((end) => {
      order.push("second");
      return end;
    });
    await new Promise((r) => setTimeout(r, 5));
    order.push("read served meanwhile");
    endFirst();
    endFirst();
    const endSecond = await second;
    expect(order).toEqual(["read served meanwhile", "second"]);
    endSecond();
    const third = await gate.acquire();
    third();
  });
});

describe("reads and the write in hand", () => {
  it("a read waits for the process's write in hand to end, and goes at once when none is", async () => {
    const gate = createWriteGate();
    await gate.idle(); // nothing in hand
    const end = await gate.acquire();
    let read = false;
    const reading = gate.idle().then(() => (read = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(read).toBe(false);
    end();
    await reading;
    expect(read).toBe(true);
  });

  it("a hung write holds a read for at most IDLE_WAIT_MAX_MS", async () => {
    vi.useFakeTimers();
    const gate = createWriteGate();
    const end = await gate.acquire();
    let read = false;
    void gate.idle().then(() => (read = true));
    await vi.advanceTimersByTimeAsync(IDLE_WAIT_MAX_MS - 1);
    expect(read).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(read).toBe(true);
    end();
  });

  it("WRITE_GATE=off: no turns, no waiting", async () => {
    const gate = createWriteGate(false);
    const a = await gate.acquire();
    const b = await gate.acquire();
    await gate.idle();
    a();
    b();
  });
});
