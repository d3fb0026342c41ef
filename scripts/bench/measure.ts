/** Process-level measurements for the workers: peak RSS with a resettable high-water mark, and GC counts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';

/**
 * Resets the kernel's peak-RSS mark to the current RSS (Linux `clear_refs`), so that a worker's peak
 * covers the timed workload, not the correctness check before it. Returns whether it could.
 */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** The process's peak RSS in bytes since start or the last reset. */
export function peakRss(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // not Linux: getrusage's maxRSS cannot be reset, but is the same mark
  }
  return process.resourceUsage().maxRSS * 1024;
}

/** Garbage collections seen while observing: counts by kind and total pause. */
export interface GcCounts {
  minor: number;
  major: number;
  other: number;
  pauseMs: number;
}

/** Starts counting GCs; `stop()` waits for pending entries and returns the counts. */
export function countGcs(): { stop(): Promise<GcCounts> } {
  const counts: GcCounts = { minor: 0, major: 0, other: 0, pauseMs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) counts.minor++;
      else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) counts.major++;
      else counts.other++;
      counts.pauseMs += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    async stop() {
      // GC entries are delivered asynchronously: let the queue drain before reading.
      await new Promise((resolve) => setTimeout(resolve, 20));
      observer.disconnect();
      return counts;
    },
  };
}
