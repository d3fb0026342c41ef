/** How one run of a batch ended. */
export type RunOutcome<T> = { run: number; ok: true; value: T } | { run: number; ok: false; error: unknown };

/**
 * Runs `task` `count` times with at most `concurrency` in flight, runs numbered from 1. A run that fails is
 * recorded and the others go on. Outcomes come back in run order; `onSettled` hears of each as it ends.
 */
export async function runBatch<T>(
  count: number,
  concurrency: number,
  task: (run: number) => Promise<T>,
  onSettled: (outcome: RunOutcome<T>) => void = () => undefined,
): Promise<RunOutcome<T>[]> {
  const outcomes: RunOutcome<T>[] = [];
  let next = 1;
  const worker = async () => {
    while (next <= count) {
      const run = next++;
      let outcome: RunOutcome<T>;
      try {
        outcome = { run, ok: true, value: await task(run) };
      } catch (error) {
        outcome = { run, ok: false, error };
      }
      outcomes.push(outcome);
      onSettled(outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(count, concurrency) }, worker));
  return outcomes.sort((a, b) => a.run - b.run);
}
