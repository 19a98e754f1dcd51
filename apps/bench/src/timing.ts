// Step timing: wall-clock and process CPU seconds per step, with every
// (kernel set, method) of a case interleaved round by round, so that a
// change in machine load, or the first run's warm-up of the heap and the
// JIT, hits them alike (the manifold/ERM ratio is a 3% question).

/** Mean seconds per timed step. */
export interface StepTiming {
  /** Wall-clock seconds per step (what the rates use, as the peer). */
  wall: number;
  /** Process CPU seconds (user + system) per step. */
  cpu: number;
  steps: number;
  warmup: number;
}

/** One timed thing: a step function and how often to run it. */
export interface Lane {
  name: string;
  warmup: number;
  steps: number;
  /** Runs untimed before each call, e.g. to switch the kernel set. */
  before?: () => void;
  /** One step; must block until its results are computed. */
  run: () => void;
}

export interface LaneTimings {
  timings: Record<string, StepTiming>;
  /** Lanes dropped after an error that `skippable` accepted. */
  failed: Record<string, string>;
}

/**
 * Runs the warm-up rounds, then the timed rounds; in each round every lane
 * that still has calls left runs once, in order.
 *
 * @param skippable Errors for which a lane is dropped (and reported in
 *     `failed`) rather than the whole run failing.
 */
export function timeLanes(lanes: readonly Lane[],
    skippable: (err: unknown) => boolean = () => false): LaneTimings {
  const failed: Record<string, string> = {};
  const totals = new Map(lanes.map((l) => [l.name, { wall: 0, cpu: 0 }]));
  const call = (lane: Lane, timed: boolean) => {
    if (lane.name in failed) return;
    lane.before?.();
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    try {
      lane.run();
    } catch (err) {
      if (!skippable(err)) throw err;
      failed[lane.name] = (err as Error).message.split('\n')[0];
      return;
    }
    if (!timed) return;
    const wall = (performance.now() - wall0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const total = totals.get(lane.name)!;
    total.wall += wall;
    total.cpu += (cpu.user + cpu.system) / 1e6;
  };
  const rounds = (n: (l: Lane) => number) =>
    Math.max(0, ...lanes.map(n));
  for (let r = 0; r < rounds((l) => l.warmup); r++) {
    for (const lane of lanes) if (r < lane.warmup) call(lane, false);
  }
  for (let r = 0; r < rounds((l) => l.steps); r++) {
    for (const lane of lanes) if (r < lane.steps) call(lane, true);
  }
  const timings: Record<string, StepTiming> = {};
  for (const lane of lanes) {
    if (lane.name in failed) continue;
    const t = totals.get(lane.name)!;
    timings[lane.name] = { wall: t.wall / lane.steps,
      cpu: t.cpu / lane.steps, steps: lane.steps, warmup: lane.warmup };
  }
  return { timings, failed };
}
