package dev.upgradeassist.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.upgradeassist.localstack.LauncherArgs.Command;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class LauncherArgsTest {

    private static LauncherArgs parse(String... args) {
        return LauncherArgs.parse(List.of(args));
    }

    @Test
    void no_arguments_start_everything_in_the_foreground() {
        LauncherArgs args = parse();
        assertThat(args.command()).isEqualTo(Command.UP);
        assertThat(args.detach()).isFalse();
        assertThat(args.servicesToStart()).containsExactly(AppService.values());
    }

    @Test
    void run_local_sh_options_and_its_stop_command_keep_working() {
        assertThat(parse("--no-build", "--detach").detach()).isTrue();
        assertThat(parse("start", "--keep-going").keepGoing()).isTrue();
        assertThat(parse("stop").command()).isEqualTo(Command.DOWN);
        assertThat(parse("down").command()).isEqualTo(Command.DOWN);
        assertThat(parse("status").command()).isEqualTo(Command.STATUS);
        assertThat(parse("wipe").command()).isEqualTo(Command.WIPE);
        assertThat(parse("--help").command()).isEqualTo(Command.HELP);
    }

    @Test
    void infra_only_and_without_choose_the_services() {
        assertThat(parse("up", "--infra-only").servicesToStart()).isEmpty();
        assertThat(parse("--without", "intake-service", "--without=review-service,notification-service").servicesToStart())
                .containsExactly(AppService.SCHEDULING, AppService.WEB);
        assertThat(parse("--without=web").servicesToStart()).doesNotContain(AppService.WEB).hasSize(AppService.values().length - 1);
        assertThatThrownBy(() -> parse("--without=webb")).hasMessageContaining("no service 'webb'").hasMessageContaining("intake-service");
        assertThatThrownBy(() -> parse("--without")).hasMessageContaining("needs a service name");
    }

    @Test
    void the_wrapper_passes_the_repository_and_the_build_outcome_first() {
        LauncherArgs args = parse("--repo=/tmp/r", "--build-started=1700000000000", "--build-failed", "--detach");
        assertThat(args.repo()).isEqualTo(Path.of("/tmp/r"));
        assertThat(args.buildStartedMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(args.buildFailed()).isTrue();
    }

    @Test
    void kafka_takes_every_argument_after_it_verbatim() {
        LauncherArgs args = parse("--repo=/tmp/r", "kafka", "topics", "--list", "--detach");
        assertThat(args.command()).isEqualTo(Command.KAFKA);
        assertThat(args.toolArgs()).containsExactly("topics", "--list", "--detach");
        assertThat(args.detach()).isFalse();
    }

    @Test
    void mistakes_are_refused() {
        assertThatThrownBy(() -> parse("--deatch")).hasMessage("unknown argument: --deatch");
        assertThatThrownBy(() -> parse("stop", "status")).hasMessageContaining("one command only");
        assertThatThrownBy(() -> parse("stop", "--detach")).hasMessageContaining("go with up only");
        assertThatThrownBy(() -> parse("--repo")).hasMessageContaining("--repo=<value> expected");
    }
}
