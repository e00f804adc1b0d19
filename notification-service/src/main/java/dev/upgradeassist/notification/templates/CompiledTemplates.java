package dev.upgradeassist.notification.templates;

import gg.jte.TemplateOutput;
import gg.jte.html.HtmlInterceptor;
import gg.jte.html.HtmlTemplateOutput;

import java.util.EnumMap;
import java.util.Map;

/**
 * The mail templates, compiled: {@code src/main/jte/text/<file>.jte} (plain text) and {@code src/main/jte/html/<file>.jte}
 * (HTML) are turned into Java classes by jte's Maven plugin ({@code generate}, into
 * {@code target/generated-sources/jte-text|jte-html}) and compiled with the service. Each template is called directly,
 * through a method reference: no template engine at run time, no reflection. A {@link Template} without its two
 * templates does not compile (the switches are exhaustive).
 */
final class CompiledTemplates {

    /** A compiled plain text template. */
    @FunctionalInterface
    interface Text {
        void render(TemplateOutput output, HtmlInterceptor interceptor, MailModel m);
    }

    /** A compiled HTML template. */
    @FunctionalInterface
    interface Html {
        void render(HtmlTemplateOutput output, HtmlInterceptor interceptor, MailModel m);
    }

    /** The links block of every email ({@code request-links.jte}). */
    static final Text LINKS_TEXT = dev.upgradeassist.notification.templates.text.JterequestlinksGenerated::render;
    static final Html LINKS_HTML = dev.upgradeassist.notification.templates.html.JterequestlinksGenerated::render;

    private static final Map<Template, Text> TEXT = new EnumMap<>(Template.class);
    private static final Map<Template, Html> HTML = new EnumMap<>(Template.class);

    static {
        for (Template template : Template.values()) {
            TEXT.put(template, text(template));
            HTML.put(template, html(template));
        }
    }

    private CompiledTemplates() {
    }

    /** The plain text body of {@code template}. */
    static Text textOf(Template template) {
        return TEXT.get(template);
    }

    /** The HTML body of {@code template}. */
    static Html htmlOf(Template template) {
        return HTML.get(template);
    }

    private static Text text(Template template) {
        return switch (template) {
            case REQUEST_RECEIVED -> dev.upgradeassist.notification.templates.text.JterequestreceivedGenerated::render;
            case REQUEST_UPDATED -> dev.upgradeassist.notification.templates.text.JterequestupdatedGenerated::render;
            case INFO_MISSING -> dev.upgradeassist.notification.templates.text.JteinfomissingGenerated::render;
            case PLAN_APPROVED -> dev.upgradeassist.notification.templates.text.JteplanapprovedGenerated::render;
            case REQUEST_DECLINED -> dev.upgradeassist.notification.templates.text.JterequestdeclinedGenerated::render;
            case BOOKING_LINK -> dev.upgradeassist.notification.templates.text.JtebookinglinkGenerated::render;
            case CALL_BOOKED -> dev.upgradeassist.notification.templates.text.JtecallbookedGenerated::render;
            case CALL_BOOKED_ENGINEER -> dev.upgradeassist.notification.templates.text.JtecallbookedengineerGenerated::render;
            case NEW_ENGINEER -> dev.upgradeassist.notification.templates.text.JtenewengineerGenerated::render;
            case HANDOFF_ENGINEERS -> dev.upgradeassist.notification.templates.text.JtehandoffengineersGenerated::render;
            case ON_HOLD -> dev.upgradeassist.notification.templates.text.JteonholdGenerated::render;
            case ROLLBACK_ADVISED -> dev.upgradeassist.notification.templates.text.JterollbackadvisedGenerated::render;
            case ROLLBACK_ADVISED_ENGINEER -> dev.upgradeassist.notification.templates.text.JterollbackadvisedengineerGenerated::render;
            case COMPLETED -> dev.upgradeassist.notification.templates.text.JtecompletedGenerated::render;
            case COMPLETED_ENGINEER -> dev.upgradeassist.notification.templates.text.JtecompletedengineerGenerated::render;
            case CHANGES_REQUESTED -> dev.upgradeassist.notification.templates.text.JtechangesrequestedGenerated::render;
            case ENGINEER_REPLY -> dev.upgradeassist.notification.templates.text.JteengineerreplyGenerated::render;
            case CUSTOMER_REPLY -> dev.upgradeassist.notification.templates.text.JtecustomerreplyGenerated::render;
            case SLA_BREACHED -> dev.upgradeassist.notification.templates.text.JteslabreachedGenerated::render;
            case PENDING_REMINDER -> dev.upgradeassist.notification.templates.text.JtependingreminderGenerated::render;
            case ON_HOLD_RECHECK -> dev.upgradeassist.notification.templates.text.JteonholdrecheckGenerated::render;
            case ON_HOLD_RECHECK_ENGINEER -> dev.upgradeassist.notification.templates.text.JteonholdrecheckengineerGenerated::render;
            case CALL_REMINDER -> dev.upgradeassist.notification.templates.text.JtecallreminderGenerated::render;
            case CALL_REMINDER_ENGINEER -> dev.upgradeassist.notification.templates.text.JtecallreminderengineerGenerated::render;
            case CLOSED_NO_RESPONSE -> dev.upgradeassist.notification.templates.text.JteclosednoresponseGenerated::render;
            case CLOSED_BY_ENGINEER -> dev.upgradeassist.notification.templates.text.JteclosedbyengineerGenerated::render;
            case CALL_RESCHEDULED -> dev.upgradeassist.notification.templates.text.JtecallrescheduledGenerated::render;
            case CALL_RESCHEDULED_ENGINEER -> dev.upgradeassist.notification.templates.text.JtecallrescheduledengineerGenerated::render;
            case CALL_CANCELLED -> dev.upgradeassist.notification.templates.text.JtecallcancelledGenerated::render;
            case CALL_CANCELLED_ENGINEER -> dev.upgradeassist.notification.templates.text.JtecallcancelledengineerGenerated::render;
            case PLAN_RECHECK_ENGINEER -> dev.upgradeassist.notification.templates.text.JteplanrecheckengineerGenerated::render;
        };
    }

    private static Html html(Template template) {
        return switch (template) {
            case REQUEST_RECEIVED -> dev.upgradeassist.notification.templates.html.JterequestreceivedGenerated::render;
            case REQUEST_UPDATED -> dev.upgradeassist.notification.templates.html.JterequestupdatedGenerated::render;
            case INFO_MISSING -> dev.upgradeassist.notification.templates.html.JteinfomissingGenerated::render;
            case PLAN_APPROVED -> dev.upgradeassist.notification.templates.html.JteplanapprovedGenerated::render;
            case REQUEST_DECLINED -> dev.upgradeassist.notification.templates.html.JterequestdeclinedGenerated::render;
            case BOOKING_LINK -> dev.upgradeassist.notification.templates.html.JtebookinglinkGenerated::render;
            case CALL_BOOKED -> dev.upgradeassist.notification.templates.html.JtecallbookedGenerated::render;
            case CALL_BOOKED_ENGINEER -> dev.upgradeassist.notification.templates.html.JtecallbookedengineerGenerated::render;
            case NEW_ENGINEER -> dev.upgradeassist.notification.templates.html.JtenewengineerGenerated::render;
            case HANDOFF_ENGINEERS -> dev.upgradeassist.notification.templates.html.JtehandoffengineersGenerated::render;
            case ON_HOLD -> dev.upgradeassist.notification.templates.html.JteonholdGenerated::render;
            case ROLLBACK_ADVISED -> dev.upgradeassist.notification.templates.html.JterollbackadvisedGenerated::render;
            case ROLLBACK_ADVISED_ENGINEER -> dev.upgradeassist.notification.templates.html.JterollbackadvisedengineerGenerated::render;
            case COMPLETED -> dev.upgradeassist.notification.templates.html.JtecompletedGenerated::render;
            case COMPLETED_ENGINEER -> dev.upgradeassist.notification.templates.html.JtecompletedengineerGenerated::render;
            case CHANGES_REQUESTED -> dev.upgradeassist.notification.templates.html.JtechangesrequestedGenerated::render;
            case ENGINEER_REPLY -> dev.upgradeassist.notification.templates.html.JteengineerreplyGenerated::render;
            case CUSTOMER_REPLY -> dev.upgradeassist.notification.templates.html.JtecustomerreplyGenerated::render;
            case SLA_BREACHED -> dev.upgradeassist.notification.templates.html.JteslabreachedGenerated::render;
            case PENDING_REMINDER -> dev.upgradeassist.notification.templates.html.JtependingreminderGenerated::render;
            case ON_HOLD_RECHECK -> dev.upgradeassist.notification.templates.html.JteonholdrecheckGenerated::render;
            case ON_HOLD_RECHECK_ENGINEER -> dev.upgradeassist.notification.templates.html.JteonholdrecheckengineerGenerated::render;
            case CALL_REMINDER -> dev.upgradeassist.notification.templates.html.JtecallreminderGenerated::render;
            case CALL_REMINDER_ENGINEER -> dev.upgradeassist.notification.templates.html.JtecallreminderengineerGenerated::render;
            case CLOSED_NO_RESPONSE -> dev.upgradeassist.notification.templates.html.JteclosednoresponseGenerated::render;
            case CLOSED_BY_ENGINEER -> dev.upgradeassist.notification.templates.html.JteclosedbyengineerGenerated::render;
            case CALL_RESCHEDULED -> dev.upgradeassist.notification.templates.html.JtecallrescheduledGenerated::render;
            case CALL_RESCHEDULED_ENGINEER -> dev.upgradeassist.notification.templates.html.JtecallrescheduledengineerGenerated::render;
            case CALL_CANCELLED -> dev.upgradeassist.notification.templates.html.JtecallcancelledGenerated::render;
            case CALL_CANCELLED_ENGINEER -> dev.upgradeassist.notification.templates.html.JtecallcancelledengineerGenerated::render;
            case PLAN_RECHECK_ENGINEER -> dev.upgradeassist.notification.templates.html.JteplanrecheckengineerGenerated::render;
        };
    }
}
