package io.lode.isle.engine;

import io.lode.internal.StripedPins;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link ReadView} that reads pin while they run and a refresh retires: once retired and no
 * longer pinned, it is released exactly once, which lets go of the tables no newer view holds.
 * So a table that leaves a reader's view stays readable for the gets and cursors that started on
 * it, and no longer: a reader that lives for weeks holds only the tables of its current view.
 *
 * <p>Pins are counted on {@link StripedPins}, so that concurrent gets do not contend on one cache
 * line. A pin is released on the stripe it was taken on; a check that
 * reads every stripe after the view was retired sees every read that may still touch it, because
 * a read that pinned after the retirement sees the flag and backs off before reading.
 */
final class LiveView {
    private final ReadView view;
    private final Runnable onRelease;
    private final StripedPins pins = new StripedPins();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean retired;

    LiveView(ReadView view, Runnable onRelease) {
        this.view = view;
        this.onRelease = onRelease;
    }

    ReadView view() {
        return view;
    }

    /** Pins the view on {@code stripe} ({@link StripedPins#stripe()}); false if it is retired (read the newer one instead). */
    boolean pin(int stripe) {
        pins.pin(stripe);
        if (retired) {
            unpin(stripe);
            return false;
        }
        return true;
    }

    void unpin(int stripe) {
        pins.unpin(stripe);
        if (retired) {
            releaseIfUnpinned();
        }
    }

    /** No new read starts on this view; it is released when the last running one ends. */
    void retire() {
        retired = true;
        releaseIfUnpinned();
    }

    boolean isReleased() {
        return released.get();
    }

    private void releaseIfUnpinned() {
        if (pins.none() && released.compareAndSet(false, true)) {
            onRelease.run();
        }
    }
}
