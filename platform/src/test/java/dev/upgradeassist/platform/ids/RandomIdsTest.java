package dev.upgradeassist.platform.ids;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RandomIdsTest {

    @Test
    void ids_are_canonical_version_4_uuids() {
        for (int i = 0; i < 1_000; i++) {
            String id = RandomIds.uuid();
            UUID parsed = UUID.fromString(id);
            assertThat(parsed.toString()).isEqualTo(id);
            assertThat(parsed.version()).isEqualTo(4);
            assertThat(parsed.variant()).isEqualTo(2);
        }
    }

    @Test
    void ids_drawn_on_many_threads_at_once_never_repeat() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            threads.execute(() -> {
                for (int i = 0; i < 5_000; i++) {
                    seen.add(RandomIds.uuid());
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(40_000);
    }

    @Test
    void each_thread_has_its_own_generator() throws Exception {
        var other = new java.util.concurrent.atomic.AtomicReference<Object>();
        Thread thread = new Thread(() -> other.set(RandomIds.random()));
        thread.start();
        thread.join();
        assertThat(other.get()).isNotNull().isNotSameAs(RandomIds.random());
        assertThat(RandomIds.random()).isSameAs(RandomIds.random());
    }
}
