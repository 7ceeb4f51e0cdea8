package io.lode.sst;

import java.util.ArrayDeque;

/**
 * Stops compressing blocks that do not compress, and keeps probing. Incompressible values (random,
 * encrypted, already compressed) would otherwise cost a full LZ4 pass per block for nothing: after
 * {@value #FAILURES_BEFORE_SKIPPING} tried blocks in a row stayed raw, the next
 * {@value #FIRST_SKIP} are not tried; each probe that fails again doubles the skip, up to
 * {@value #MAX_SKIP} blocks; any block that compresses starts over.
 *
 * <p>The decision for block {@code i} uses only the outcomes of blocks before {@code i - lag}: a
 * writer that seals blocks on other threads learns an outcome up to {@code lag} blocks late, and
 * the same entries must give the same table, byte for byte, whichever thread sealed them.
 */
final class CompressionBackoff {
    static final int FAILURES_BEFORE_SKIPPING = 8;
    static final int FIRST_SKIP = 8;
    static final int MAX_SKIP = 64;

    private final int lag;
    /** Outcomes not yet taken into account: block index and whether it compressed. */
    private final ArrayDeque<long[]> outcomes = new ArrayDeque<>();
    private int failures;
    private int skipLength;
    private int toSkip;
    /** The block at which the current skip began: only blocks tried from there on are probes. */
    private long skipFrom;

    CompressionBackoff(int lag) {
        this.lag = lag;
    }

    /** Whether block {@code block} (counted from 0, asked in order) should be tried; if not, it is stored raw. */
    boolean shouldTry(long block) {
        while (!outcomes.isEmpty() && outcomes.peekFirst()[0] < block - lag) {
            long[] outcome = outcomes.pollFirst();
            apply(outcome[0], outcome[1] != 0, block);
        }
        if (toSkip > 0) {
            toSkip--;
            return false;
        }
        return true;
    }

    /** The outcome of tried block {@code block}, recorded in block order. */
    void record(long block, boolean compressed) {
        outcomes.addLast(new long[] {block, compressed ? 1 : 0});
    }

    private void apply(long tried, boolean compressed, long now) {
        if (compressed) {
            failures = 0;
            skipLength = 0;
            toSkip = 0;
            return;
        }
        failures++;
        if (skipLength > 0) {
            if (tried >= skipFrom) { // a failed probe; blocks tried before the skip began are not probes
                skipLength = Math.min(MAX_SKIP, skipLength * 2);
                toSkip = skipLength;
                skipFrom = now;
            }
        } else if (failures >= FAILURES_BEFORE_SKIPPING) {
            skipLength = FIRST_SKIP;
            toSkip = skipLength;
            skipFrom = now;
        }
    }
}
