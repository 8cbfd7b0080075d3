package org.weir.constrained;

import java.util.Locale;

/** A position in a constraint spec, with the small lexical steps the parser needs. */
final class SpecCursor {
    private final String s;
    private int pos;

    SpecCursor(String s) {
        this.s = s;
    }

    @Override
    public String toString() {
        return s;
    }

    int position() {
        return pos;
    }

    void skipSpaces() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    boolean atEnd() {
        skipSpaces();
        return pos >= s.length();
    }

    ConstraintSpecParseException error(String expected) {
        return new ConstraintSpecParseException(s, pos, expected);
    }

    /** Consumes one of the literal options (case-insensitive, longest first) and returns it, or fails. */
    String expectOneOf(String expected, String... options) {
        String r = tryOneOf(options);
        if (r == null) {
            throw error(expected);
        }
        return r;
    }

    /** Consumes a literal if present. */
    String tryOneOf(String... options) {
        skipSpaces();
        String best = null;
        for (String o : options) {
            if (s.regionMatches(true, pos, o, 0, o.length()) && (best == null || o.length() > best.length())) {
                best = o;
            }
        }
        if (best != null) {
            pos += best.length();
            return best.toLowerCase(Locale.ROOT);
        }
        return null;
    }

    /** Reads a finite decimal number. */
    double number(String what) {
        skipSpaces();
        int start = pos;
        int p = pos;
        if (p < s.length() && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
            p++;
        }
        int digits = 0;
        while (p < s.length() && (Character.isDigit(s.charAt(p)) || s.charAt(p) == '.')) {
            p++;
            digits++;
        }
        if (digits > 0 && p < s.length() && (s.charAt(p) == 'e' || s.charAt(p) == 'E')) {
            int q = p + 1;
            if (q < s.length() && (s.charAt(q) == '+' || s.charAt(q) == '-')) {
                q++;
            }
            int ed = 0;
            while (q < s.length() && Character.isDigit(s.charAt(q))) {
                q++;
                ed++;
            }
            if (ed > 0) {
                p = q;
            }
        }
        if (digits == 0) {
            throw error(what);
        }
        try {
            double v = Double.parseDouble(s.substring(start, p));
            if (!Double.isFinite(v)) {
                throw error(what);
            }
            pos = p;
            return v;
        } catch (NumberFormatException e) {
            throw error(what);
        }
    }

    /** Reads a name: a run of characters other than whitespace, ',', '[' and ']'. */
    String name(String what) {
        skipSpaces();
        int start = pos;
        while (pos < s.length() && !Character.isWhitespace(s.charAt(pos)) && "[],".indexOf(s.charAt(pos)) < 0) {
            pos++;
        }
        if (pos == start) {
            throw error(what);
        }
        return s.substring(start, pos);
    }
}
