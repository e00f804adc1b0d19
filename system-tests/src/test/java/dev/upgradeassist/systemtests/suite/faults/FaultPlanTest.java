package dev.upgradeassist.systemtests.suite.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.systemtests.stack.Service;

import java.util.List;

import org.junit.jupiter.api.Test;

class FaultPlanTest {

    @Test
    void each_round_kills_every_service_then_the_outages_replay_poison_and_smtp_follow_in_that_order() {
        List<Fault> plan = FaultPlan.standard(2, 15, 180, 100, 30);

        int kills = 2 * Service.values().length;
        assertThat(plan).hasSize(kills + 5);
        assertThat(plan.subList(0, kills)).allMatch(f -> f instanceof KillService);
        assertThat(plan.subList(kills, plan.size())).containsExactly(new KillBroker(15), new FreezeMongo(180),
                new ReplayEverything(), new PoisonRecords(100), new StopSmtp(30));
    }

    @Test
    void the_pause_before_a_kill_grows_with_the_round_and_repeats_after_the_third() {
        List<Fault> plan = FaultPlan.standard(4, 15, 0, 100, 30);
        int services = Service.values().length;

        assertThat(plan.stream().limit(4L * services).map(f -> ((KillService) f).pauseSeconds()).distinct())
                .containsExactly(3, 9, 15);
        assertThat(((KillService) plan.get(3 * services)).pauseSeconds()).isEqualTo(3);
        assertThat(((KillService) plan.get(0)).when()).isEqualTo("round 1, 3 s after the previous recovery");
    }

    @Test
    void a_mongo_outage_of_zero_seconds_leaves_the_freeze_out() {
        assertThat(FaultPlan.standard(1, 15, 0, 100, 30)).noneMatch(f -> f instanceof FreezeMongo);
    }

    @Test
    void only_the_two_outages_require_that_nothing_is_dead_lettered() {
        assertThat(FaultPlan.standard(1, 15, 180, 100, 30).stream().filter(f -> f.nothingDeadLetteredLine().isPresent()))
                .containsExactly(new KillBroker(15), new FreezeMongo(180));
        assertThat(new KillBroker(15).nothingDeadLetteredLine())
                .contains("broker outage of 15 s under load: no record dead-lettered (they waited)");
    }
}
