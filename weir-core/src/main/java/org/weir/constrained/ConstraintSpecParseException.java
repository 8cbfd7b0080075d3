package org.weir.constrained;

/** A constraint spec that does not follow the grammar; names the position (0-based) and what was expected. */
public final class ConstraintSpecParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String spec;
    private final int position;
    private final String expected;

    ConstraintSpecParseException(String spec, int position, String expected) {
        super("cannot parse constraint '" + spec + "' at position " + position + ": expected " + expected
                + ", found " + found(spec, position) + "\n  " + spec + "\n  " + " ".repeat(Math.max(0, position))
                + "^");
        this.spec = spec;
        this.position = position;
        this.expected = expected;
    }

    private static String found(String spec, int pos) {
        if (pos >= spec.length()) {
            return "end of text";
        }
        int end = pos;
        while (end < spec.length() && !Character.isWhitespace(spec.charAt(end))) {
            end++;
        }
        return "'" + spec.substring(pos, end) + "'";
    }

    /** The text that failed. */
    public String spec() {
        return spec;
    }

    /** 0-based character position of the error. */
    public int position() {
        return position;
    }

    /** What the grammar expected there. */
    public String expected() {
        return expected;
    }
}
