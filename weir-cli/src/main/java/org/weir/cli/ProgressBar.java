package org.weir.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line text progress bar on stderr, redrawn in place with carriage returns at most ten times a
 * second: {@code fit [=========>          ]  45%  1030/2284  eta 0:02}. A disabled bar (stderr is not a
 * terminal, or {@code --quiet}) draws nothing, so callers never need to check. Closing erases the line.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean enabled;
    private final long startNanos;
    private long done;
    private long lastDraw;
    private int lastLength;
    private boolean drawn;

    ProgressBar(PrintWriter err, String label, long total, boolean enabled) {
        this.err = err;
        this.label = label;
        this.total = Math.max(total, 0);
        this.enabled = enabled;
        this.startNanos = System.nanoTime();
        this.lastDraw = startNanos - REDRAW_NANOS;
    }

    /** Whether this bar draws anything. */
    public boolean enabled() {
        return enabled;
    }

    /** Marks {@code n} more units of work done. */
    public void advance(long n) {
        set(done + n);
    }

    /** Sets the amount of work done so far (clamped to the total). */
    public void set(long value) {
        done = Math.min(Math.max(value, 0), total);
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS || done == total) {
            lastDraw = now;
            draw(now);
        }
    }

    /** The line as it would be drawn now (also used by tests). */
    String render(long nowNanos) {
        double fraction = total == 0 ? 1.0 : (double) done / total;
        int filled = (int) Math.floor(fraction * WIDTH);
        StringBuilder bar = new StringBuilder(WIDTH + 2).append('[');
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        bar.append(']');
        double elapsed = (nowNanos - startNanos) / 1e9;
        String eta = done > 0 && done < total ? "  eta " + clock(elapsed * (total - done) / done) : "";
        return String.format(Locale.ROOT, "%s %s %3d%%  %d/%d%s", label, bar, (int) Math.floor(fraction * 100),
                done, total, eta);
    }

    private void draw(long now) {
        String line = render(now);
        StringBuilder sb = new StringBuilder("\r").append(line);
        for (int i = line.length(); i < lastLength; i++) {
            sb.append(' ');
        }
        lastLength = line.length();
        err.print(sb);
        err.flush();
        drawn = true;
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Erases the bar's line. */
    @Override
    public void close() {
        if (enabled && drawn) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            drawn = false;
        }
    }
}
