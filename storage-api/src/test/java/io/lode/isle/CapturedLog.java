package io.lode.isle;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What Lode logs under a logger name while open, through {@code System.Logger}'s default route
 * ({@code java.util.logging}), as a user's logging bridge would receive it.
 */
final class CapturedLog implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    CapturedLog(String name) {
        logger = Logger.getLogger(name);
        logger.addHandler(handler);
    }

    List<LogRecord> records() {
        return List.copyOf(records);
    }

    List<LogRecord> at(Level level) {
        return records.stream().filter(r -> r.getLevel() == level).toList();
    }

    /** The messages of the records at {@code level}, for failure messages. */
    List<String> messages() {
        return records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
