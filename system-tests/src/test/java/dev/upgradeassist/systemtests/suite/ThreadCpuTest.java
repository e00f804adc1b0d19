package dev.upgradeassist.systemtests.suite;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadCpuTest {

    @Test
    void readsUserAndSystemTicksEvenWhenTheThreadNameHoldsSpacesAndParentheses() {
        String stat = "4242 (kafka-coord (x) | i) S 1 2 3 4 5 6 7 8 9 10 1234 56 0 0 20 0 1 0 100 200 300";

        ThreadCpu.Ticks ticks = ThreadCpu.parseStat(stat);

        assertThat(ticks).isEqualTo(new ThreadCpu.Ticks(1234, 56));
    }

    @Test
    void namesNativeThreadIdsWithTheirJavaNamesFromAThreadDump() {
        String dump = """
                2026-12-03 10:00:00
                Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6 mixed mode, sharing):

                "intake-service-review-events-2-C-1" #60 daemon prio=5 os_prio=0 cpu=46700.12ms elapsed=560.1s tid=0x00007f nid=0x7b9c runnable  [0x00007f]
                   java.lang.Thread.State: RUNNABLE
                "VM Thread" os_prio=0 cpu=4100.00ms elapsed=600.0s tid=0x00007f nid=0x7b61 runnable
                """;

        Map<Long, String> names = ThreadCpu.javaNames(dump);

        assertThat(names).containsEntry(0x7b9cL, "intake-service-review-events-2-C-1").containsEntry(0x7b61L, "VM Thread")
                .hasSize(2);
    }

    @Test
    void countsEachThreadFromItsFirstReadingAndKeepsThoseThatEndedByTheirLastOne() {
        Map<Long, ThreadCpu.Ticks> first = Map.of(1L, new ThreadCpu.Ticks(100, 10), 2L, new ThreadCpu.Ticks(50, 0));
        Map<Long, ThreadCpu.Ticks> last = Map.of(
                1L, new ThreadCpu.Ticks(300, 30),   // alive throughout: +200 / +20
                2L, new ThreadCpu.Ticks(80, 5),     // ended before the end, last read here: +30 / +5
                3L, new ThreadCpu.Ticks(40, 2));    // born after the start: all of it
        Map<Long, String> names = Map.of(1L, "http-nio-8081-exec-1", 2L, "http-nio-8081-exec-12", 3L, "outbox-relay");

        List<ThreadCpu.Group> groups = ThreadCpu.groups(first, last, names);

        assertThat(groups).containsExactly(new ThreadCpu.Group("http-nio-N-exec-N", 2_300, 250),
                new ThreadCpu.Group("outbox-relay", 400, 20));
    }

    @Test
    void seesTheCpuOfAThreadOfThisProcessThatEndedBeforeTheStop() throws Exception {
        CountDownLatch burnt = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        Thread burner = new Thread(() -> {
            // 300 ms of this thread's own CPU, however long a busy machine takes to give it
            var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            long x = 0;
            while (cpu.getCurrentThreadCpuTime() < 300_000_000L) {
                x += Long.numberOfTrailingZeros(x + System.nanoTime());
            }
            burnt.countDown();
            try {
                read.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (x == 42) {
                System.out.println(x);
            }
        }, "a-long-named-cpu-burner-thread-7");

        ThreadCpu.Use use;
        try (ThreadCpu threads = new ThreadCpu(Map.of("this JVM", ProcessHandle.current().pid()), 60)) {
            burner.start();
            burnt.await();
            threads.nameThreads();
            threads.read();
            read.countDown();
            burner.join();
            use = threads.stop();
        }

        // the kernel knows it as "a-long-named-cp" (15 characters); jcmd gave its Java name
        assertThat(use.byProcess().get("this JVM"))
                .filteredOn(group -> group.name().equals("a-long-named-cpu-burner-thread-N"))
                .singleElement()
                .satisfies(group -> assertThat(group.millis()).isGreaterThanOrEqualTo(250));
    }
}
