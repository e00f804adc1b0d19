package dev.upgradeassist.review.runbook;

import java.util.List;

/**
 * How the runbook writes Markdown: fenced command blocks, code spans, and customer text escaped so that it never adds
 * Markdown structure of its own.
 */
final class RunbookMarkdown {

    private static final int MAX_TEXT = 500;
    /**
     * Escaped in free text. '.', '-' and ':' are not: free text never starts a line here (where "1." or "-" would
     * start a list), and escaping them would only clutter versions and dates.
     */
    private static final String MARKDOWN_CONTROL = "\\`*_{}[]<>()#+!|~&";

    private RunbookMarkdown() {
    }

    static void fence(StringBuilder md, List<String> lines) {
        md.append("```bash\n");
        lines.forEach(l -> md.append(l).append('\n'));
        md.append("```\n\n");
    }

    /** Text inside backticks: no backtick or line break can end the code span. */
    static String code(String value) {
        return value == null ? "" : value.replaceAll("[`\\r\\n\\p{Cntrl}]", "");
    }

    /**
     * Free text as Markdown text: line breaks and control characters become spaces, Markdown and HTML control
     * characters are backslash-escaped, and it is cut at 500 characters.
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        String flat = value.replaceAll("[\\r\\n\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
        if (flat.length() > MAX_TEXT) {
            flat = flat.substring(0, MAX_TEXT) + "…";
        }
        StringBuilder out = new StringBuilder(flat.length() + 16);
        for (char c : flat.toCharArray()) {
            if (MARKDOWN_CONTROL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
