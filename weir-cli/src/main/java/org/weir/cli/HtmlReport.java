package org.weir.cli;

import org.weir.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A single self-contained HTML page: headings, paragraphs, tables and PNG figures embedded as base64
 * {@code data:} URIs, with inline CSS and no external resource of any kind, so the file can be mailed or
 * archived alone. All text is HTML-escaped.
 */
public final class HtmlReport {
    private static final String CSS = """
            body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#222;background:#fff;
            max-width:1060px;margin:2em auto;padding:0 1.2em;line-height:1.5}
            h1{font-size:1.7em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #ddd;
            padding-bottom:.2em}.sub{color:#666;margin-top:0}
            table{border-collapse:collapse;margin:.6em 0 1em 0;font-size:.95em}
            th,td{border:1px solid #ddd;padding:.3em .8em;text-align:left;vertical-align:top}
            th{background:#f4f6f8}td.num{text-align:right;font-variant-numeric:tabular-nums;font-family:ui-monospace,
            Menlo,Consolas,monospace}figure{margin:1em 0}figure img{max-width:100%;border:1px solid #eee}
            figcaption{color:#555;font-size:.92em;margin-top:.3em}code{background:#f4f6f8;padding:0 .25em;border-radius:3px}
            .note{background:#fffbea;border-left:4px solid #e6b800;padding:.5em .9em}
            footer{color:#888;font-size:.85em;margin-top:3em;border-top:1px solid #eee;padding-top:.6em}
            """;

    private final StringBuilder body = new StringBuilder();
    private final String title;

    public HtmlReport(String title, String subtitle) {
        this.title = title;
        body.append("<h1>").append(escape(title)).append("</h1>\n");
        if (subtitle != null && !subtitle.isEmpty()) {
            body.append("<p class=\"sub\">").append(escape(subtitle)).append("</p>\n");
        }
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    public HtmlReport heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A highlighted remark (e.g. how missing values were treated). */
    public HtmlReport note(String text) {
        body.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A two-column table of names and values. */
    public HtmlReport keyValues(Map<String, ?> rows) {
        body.append("<table>\n");
        for (Map.Entry<String, ?> e : rows.entrySet()) {
            Object v = e.getValue();
            body.append("<tr><th>").append(escape(e.getKey())).append("</th>").append(cell(v)).append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** A table with a header row; cells may be numbers (right-aligned) or text. */
    public HtmlReport table(List<String> header, List<List<?>> rows) {
        body.append("<table>\n<tr>");
        for (String h : header) {
            body.append("<th>").append(escape(h)).append("</th>");
        }
        body.append("</tr>\n");
        for (List<?> row : rows) {
            body.append("<tr>");
            for (Object v : row) {
                body.append(cell(v));
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** A PNG figure embedded as a data URI, with alternative text and a caption. */
    public HtmlReport figure(byte[] png, String alt, String caption) {
        body.append("<figure><img alt=\"").append(escape(alt)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">");
        if (caption != null && !caption.isEmpty()) {
            body.append("<figcaption>").append(escape(caption)).append("</figcaption>");
        }
        body.append("</figure>\n");
        return this;
    }

    /** Small print at the bottom of the page. */
    public HtmlReport footer(String text) {
        body.append("<footer>").append(escape(text)).append("</footer>\n");
        return this;
    }

    private static String cell(Object v) {
        if (v instanceof Double d) {
            return "<td class=\"num\">" + escape(formatNumber(d)) + "</td>";
        }
        if (v instanceof Number n) {
            return "<td class=\"num\">" + escape(n.toString()) + "</td>";
        }
        if (v instanceof double[] a) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < a.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(formatNumber(a[i]));
            }
            return "<td class=\"num\">" + escape(sb.toString()) + "</td>";
        }
        return "<td>" + escape(String.valueOf(v)) + "</td>";
    }

    /** Numbers with four significant digits (scientific notation when very small or large). */
    public static String formatNumber(double d) {
        if (Double.isNaN(d)) {
            return "n/a";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e9) {
            return Long.toString((long) d);
        }
        double a = Math.abs(d);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(java.util.Locale.ROOT, "%.3e", d);
        }
        return new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** The whole page. */
    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + escape(title)
                + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
    }

    /** Writes the page atomically (temporary file, then rename). */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, os -> os.write(html().getBytes(StandardCharsets.UTF_8)));
    }
}
