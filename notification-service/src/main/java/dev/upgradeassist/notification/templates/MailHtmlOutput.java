package dev.upgradeassist.notification.templates;

import gg.jte.Content;
import gg.jte.html.HtmlTemplateOutput;

/**
 * Where a compiled HTML mail template writes: its markup as it stands, every {@code ${}} value HTML-escaped as the
 * Thymeleaf templates escaped it before (ADR 0019), in an element's text and in an attribute value alike:
 * {@code & < > " '} as {@code &amp; &lt; &gt; &quot; &#39;}. A link ({@code href}) that is a {@code javascript:} URL is
 * left empty (jte's own HTML output leaves it out). Nothing goes out unescaped: {@code $unsafe{}}, a value in an event
 * handler attribute and one in a script or style element are refused (a mail template has none of them).
 */
final class MailHtmlOutput implements HtmlTemplateOutput {

    private final StringBuilder html;
    private String tagName;
    private String attributeName;

    MailHtmlOutput(int capacity) {
        this.html = new StringBuilder(capacity);
    }

    @Override
    public void setContext(String tagName, String attributeName) {
        this.tagName = tagName;
        this.attributeName = attributeName;
    }

    @Override
    public void writeContent(String value) {
        html.append(value);
    }

    @Override
    public void writeContent(String value, int beginIndex, int endIndex) {
        html.append(value, beginIndex, endIndex);
    }

    @Override
    public void writeUserContent(String value) {
        if (value == null) {
            return;
        }
        if ("script".equalsIgnoreCase(tagName) || "style".equalsIgnoreCase(tagName)) {
            throw new IllegalStateException("a mail template writes no value into a " + tagName + " element");
        }
        if (attributeName == null) {
            escape(value);
            return;
        }
        if (attributeName.regionMatches(true, 0, "on", 0, 2)) {
            throw new IllegalStateException("a mail template writes no value into an event handler attribute");
        }
        if ("href".equalsIgnoreCase(attributeName) && isJavaScriptUrl(value)) {
            return;
        }
        escape(value);
    }

    @Override
    public void writeUserContent(Enum<?> value) {
        if (value != null) {
            writeUserContent(value.name());
        }
    }

    @Override
    public void writeUserContent(Content content) {
        if (content == null) {
            return;
        }
        if (attributeName != null) {
            throw new IllegalStateException("a mail template writes no content block into an attribute");
        }
        content.writeTo(this);
    }

    @Override
    public void writeUnsafeContent(String value) {
        throw new IllegalStateException("a mail template writes nothing unescaped");
    }

    private void escape(String value) {
        // most values need nothing escaped: five scans and one bulk copy, no char-by-char loop (C1-only services)
        if (value.indexOf('&') < 0 && value.indexOf('<') < 0 && value.indexOf('>') < 0 && value.indexOf('"') < 0
                && value.indexOf('\'') < 0) {
            html.append(value);
            return;
        }
        int length = value.length();
        int from = 0;
        for (int i = 0; i < length; i++) {
            String escaped = switch (value.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (escaped != null) {
                html.append(value, from, i).append(escaped);
                from = i + 1;
            }
        }
        html.append(value, from, length);
    }

    private static boolean isJavaScriptUrl(String value) {
        int i = 0;
        while (i < value.length() && (Character.isWhitespace(value.charAt(i)) || Character.isISOControl(value.charAt(i)))) {
            i++;
        }
        return value.regionMatches(true, i, "javascript:", 0, "javascript:".length());
    }

    @Override
    public String toString() {
        return html.toString();
    }
}
