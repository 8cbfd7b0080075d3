package org.weir.data;

/** Strict decimal number syntax for data cells: {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}. */
final class NumberText {
    private NumberText() {
    }

    /** True if {@code s} (already trimmed) is a plain decimal number (no hex, no suffix, no NaN/Infinity words). */
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** True for spellings of infinity people write in data files (inf, Infinity, -inf, +INF, ...). */
    static boolean isInfinityWord(String s) {
        String t = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        return t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("infinity");
    }

    /** True for spellings of NaN (any case). */
    static boolean isNanWord(String s) {
        String t = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        return t.equalsIgnoreCase("nan");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
