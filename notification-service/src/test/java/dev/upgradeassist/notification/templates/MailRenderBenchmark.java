package dev.upgradeassist.notification.templates;

import dev.upgradeassist.platform.links.CustomerPageTokens;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long one {@link MailRenderer#render} call takes (subject, both bodies, the links block in both): a program, not a
 * test (Surefire does not run it). Run it from the module's test classpath, as the services run:
 * <pre>
 * ./mvnw -q -o -pl notification-service dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
 *     -cp notification-service/target/test-classes:notification-service/target/classes:$(cat /tmp/cp.txt) \
 *     dev.upgradeassist.notification.templates.MailRenderBenchmark [renders per template per round] [rounds] [warm-up s]
 * </pre>
 * It warms up (1,000 renders of each template and at least 10 s by default), then renders every template with the full model of {@link MailRendererTest} in rounds and prints the
 * microseconds per render call of each round (all templates) and, for the last round, of each template; the request's
 * links (an HMAC of the request id) are part of every call, and their share is printed too.
 */
public final class MailRenderBenchmark {

    private MailRenderBenchmark() {
    }

    public static void main(String[] args) {
        int perTemplate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int warmUpSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        RequestLinks links = new RequestLinks(new CustomerPageTokens(MailRendererTest.SECRET), MailRendererTest.WEB);
        MailRenderer renderer = new MailRenderer(links);
        Map<String, Object> model = MailGoldenTest.base();
        Template[] templates = Template.values();
        long sink = 0;

        long warmUpStart = System.nanoTime();
        long warmUps = 0;
        for (int i = 0; i < perTemplate || System.nanoTime() - warmUpStart < warmUpSeconds * 1_000_000_000L; i++) {
            for (Template template : templates) {
                sink += renderer.render(template, "r-" + (i & 63), "UA-1", model).html().length();
                warmUps++;
            }
        }
        System.out.printf(Locale.ROOT, "warm-up: %d renders in %.1f s%n", warmUps, (System.nanoTime() - warmUpStart) / 1e9);

        List<Double> means = new ArrayList<>();
        long[] lastRound = new long[templates.length];
        for (int round = 1; round <= rounds; round++) {
            long roundStart = System.nanoTime();
            for (int t = 0; t < templates.length; t++) {
                long start = System.nanoTime();
                for (int i = 0; i < perTemplate; i++) {
                    sink += renderer.render(templates[t], "r-" + (i & 63), "UA-1", model).text().length();
                }
                lastRound[t] = System.nanoTime() - start;
            }
            double mean = (System.nanoTime() - roundStart) / 1e3 / ((double) perTemplate * templates.length);
            means.add(mean);
            System.out.printf(Locale.ROOT, "round %d: %.1f us per render (%d templates x %d)%n", round, mean,
                    templates.length, perTemplate);
        }
        for (int t = 0; t < templates.length; t++) {
            System.out.printf(Locale.ROOT, "  %-28s %8.1f us%n", templates[t].file(), lastRound[t] / 1e3 / perTemplate);
        }
        long linksStart = System.nanoTime();
        for (int i = 0; i < perTemplate * templates.length; i++) {
            sink += links.requestPage("r-" + (i & 63)).length();
        }
        double linksMean = (System.nanoTime() - linksStart) / 1e3 / ((double) perTemplate * templates.length);
        List<Double> sorted = new ArrayList<>(means);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "median of %d rounds: %.1f us per render; of which the request page link: %.1f us%n",
                rounds, sorted.get(sorted.size() / 2), linksMean);
        System.out.println("(sink " + sink + ")");
    }
}
