package dev.upgradeassist.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml describes the production-like stack with the services, ports and databases of the local stack's
 * {@link Topology} ({@link AppService}, {@link Infra}, {@link StackPorts#STANDARD}).
 */
class DockerComposeFileTest {

    private static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(100);
        Map<String, Object> compose = new Yaml(options).load(RepositoryFiles.read("docker-compose.yml"));
        services = (Map<String, Object>) compose.get("services");
        assertThat(services).isNotNull();
    }

    @ParameterizedTest(name = "{0} is built from the one Dockerfile on its topology port with a health check")
    @EnumSource(AppService.class)
    void each_service_is_built_from_the_one_Dockerfile_on_its_port_with_a_health_check(AppService app) {
        String name = app.id();
        int port = StackPorts.STANDARD.service(app);
        Map<String, Object> service = service(name);

        assertThat(publishedPorts(service)).contains(port);
        assertThat(String.valueOf(map(service, "healthcheck").get("test")))
                .contains("http://localhost:" + port + AppService.HEALTH_PATH);
        Map<String, Object> build = map(service, "build");
        assertThat(build.get("dockerfile")).isEqualTo("Dockerfile");
        assertThat(map(build, "args").get("SERVICE")).isEqualTo(name);
        Map<String, Object> env = map(service, "environment");
        assertThat(String.valueOf(env.get("SERVER_PORT"))).isEqualTo(String.valueOf(port));
        assertThat(String.valueOf(env.get("SPRING_APPLICATION_NAME"))).isEqualTo(name);
        if (!app.eventDriven()) {
            // the web module: no Kafka, no database, no mail; it calls the services inside the network
            assertThat(env).doesNotContainKeys("SPRING_KAFKA_BOOTSTRAP_SERVERS", "SPRING_MONGODB_URI", "SPRING_MAIL_HOST");
            for (AppService other : AppService.values()) {
                if (other.eventDriven()) {
                    assertThat(env).containsValue("http://" + other.id() + ":" + StackPorts.STANDARD.service(other));
                    assertThat(map(service, "depends_on")).containsKey(other.id());
                }
            }
            return;
        }
        assertThat(env).containsKeys("SPRING_KAFKA_BOOTSTRAP_SERVERS", "SPRING_MAIL_HOST", "SPRING_MAIL_PORT");
        assertThat(String.valueOf(env.get("SPRING_MAIL_PORT"))).isEqualTo(String.valueOf(StackPorts.STANDARD.smtp()));
        if (app.database().isPresent()) {
            assertThat(String.valueOf(env.get("SPRING_MONGODB_URI"))).as("%s database", name)
                    .startsWith("mongodb://mongo:" + StackPorts.STANDARD.mongo() + "/" + app.database().get() + "?");
            assertThat(map(service, "depends_on")).containsKey("mongo");
        } else {
            assertThat(env).as("%s has no database", name).doesNotContainKey("SPRING_MONGODB_URI");
        }
        assertThat(map(service, "depends_on")).containsKeys("kafka", "mail");
    }

    @Test
    void the_services_built_here_are_exactly_the_topologys() {
        List<String> built = services.entrySet().stream()
                .filter(e -> ((Map<?, ?>) e.getValue()).containsKey("build"))
                .map(Map.Entry::getKey).toList();
        assertThat(built).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(AppService.values()).map(AppService::id).toList());
    }

    @ParameterizedTest(name = "{0} publishes the topology's ports")
    @EnumSource(Infra.class)
    void infrastructure_is_published_on_the_topology_ports(Infra infra) {
        assertThat(publishedPorts(service(infra.id()))).containsAll(StackPorts.STANDARD.of(infra));
    }

    @ParameterizedTest(name = "{0} publishes {1}")
    @CsvSource({
        "prometheus, 9090",
        "grafana, 3000"})
    void monitoring_is_published_on_the_contract_ports(String name, int port) {
        assertThat(publishedPorts(service(name))).contains(port);
    }

    @Test
    void mongo_runs_as_a_replica_set_initiated_by_its_health_check() {
        Map<String, Object> mongo = service("mongo");

        assertThat(String.valueOf(mongo.get("command"))).contains("--replSet");
        assertThat(String.valueOf(map(mongo, "healthcheck").get("test"))).contains("rs.initiate");
        assertThat(String.valueOf(map(service("intake-service"), "environment").get("SPRING_MONGODB_URI")))
                .contains("replicaSet=");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceNames")
    void every_container_has_a_health_check(String name) {
        Map<String, Object> healthcheck = map(service(name), "healthcheck");
        assertThat(healthcheck.get("test")).as("%s healthcheck.test", name).isNotNull();
        assertThat(healthcheck.get("disable")).as("%s healthcheck.disable", name).isNotEqualTo(true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceNames")
    void every_image_tag_is_pinned(String name) {
        Object image = service(name).get("image");
        if (image == null) {
            assertThat(service(name)).as("%s has neither image nor build", name).containsKey("build");
            return;
        }
        assertThat(String.valueOf(image)).as("%s image", name)
                .matches("[^:]+:[^:]+")
                .doesNotEndWith(":latest");
    }

    @Test
    void every_dependency_waits_for_health() {
        services.forEach((name, definition) -> {
            Object dependsOn = ((Map<?, ?>) definition).get("depends_on");
            if (dependsOn == null) {
                return;
            }
            assertThat(dependsOn).as("%s depends_on must be the long form", name).isInstanceOf(Map.class);
            ((Map<?, ?>) dependsOn).forEach((dependency, condition) -> assertThat(((Map<?, ?>) condition).get("condition"))
                    .as("%s -> %s", name, dependency).isEqualTo("service_healthy"));
        });
    }

    @ParameterizedTest(name = "{0} runs outside the local profile with credentials from the environment and Keycloak")
    @EnumSource(AppService.class)
    void each_service_runs_the_production_profile_with_no_dev_token_and_trusts_keycloak(AppService app) {
        String name = app.id();
        Map<?, ?> env = map(service(name), "environment");

        assertThat(String.valueOf(env.get("SPRING_PROFILES_ACTIVE"))).isEqualTo("production").doesNotContain("local");
        env.values().forEach(value -> assertThat(String.valueOf(value)).as("%s: no dev token", name)
                .doesNotContain("dev-portal-token").doesNotContain("dev-engineer").doesNotContain("dev-operator-token"));
        assertThat(map(service(name), "depends_on")).containsKey("keycloak");
        if (!app.eventDriven()) {
            // the console signs people in through Keycloak's public address and fetches tokens inside the network
            assertThat(String.valueOf(env.get("UPGRADE_ASSIST_WEB_OIDC_CLIENT_ID"))).isEqualTo("upgrade-assist-console");
            assertThat(String.valueOf(env.get("UPGRADE_ASSIST_WEB_OIDC_AUTHORIZATION_URI")))
                    .startsWith("http://localhost:8180/realms/upgrade-assist/");
            assertThat(String.valueOf(env.get("UPGRADE_ASSIST_WEB_OIDC_TOKEN_URI")))
                    .startsWith("http://keycloak:8080/realms/upgrade-assist/");
            assertThat(env.containsKey("UPGRADEASSIST_PLATFORM_STATICTOKENS_0_TOKEN")).isFalse();
            // the customers' page calls intake and review with the portal's token, from the environment
            assertThat(String.valueOf(env.get("UPGRADEASSIST_WEB_PORTALTOKEN"))).startsWith("${PORTAL_TOKEN:?");
            return;
        }
        assertThat(String.valueOf(env.get("UPGRADEASSIST_PLATFORM_STATICTOKENS_0_TOKEN")))
                .as("the portal's token comes from the environment").startsWith("${PORTAL_TOKEN:?");
        assertThat(String.valueOf(env.get("UPGRADEASSIST_PLATFORM_CUSTOMERPAGE_SECRET")))
                .as("the secret of the customers' page links comes from the environment, the same for every service")
                .startsWith("${CUSTOMER_PAGE_SECRET:?");
        assertThat(String.valueOf(env.get("UPGRADEASSIST_PLATFORM_JWT_ISSUERURI"))).endsWith("/realms/upgrade-assist");
        assertThat(String.valueOf(env.get("UPGRADEASSIST_PLATFORM_JWT_JWKSETURI")))
                .startsWith("http://keycloak:8080/realms/upgrade-assist/");
        assertThat(map(service(name), "depends_on")).containsKey("keycloak");
        app.database().ifPresent(db -> assertThat(String.valueOf(env.get("SPRING_MONGODB_URI")))
                .startsWith("mongodb://mongo:" + StackPorts.STANDARD.mongo() + "/"));
    }

    @Test
    void engineers_approve_and_customer_replies_reach_the_same_people_the_roster_names() {
        Map<?, ?> review = map(service("review-service"), "environment");
        Map<?, ?> scheduling = map(service("scheduling-service"), "environment");
        Map<?, ?> notification = map(service("notification-service"), "environment");

        // the variable the contract names, with ENGINEER unless the operator sets it
        assertThat(String.valueOf(review.get("UPGRADE_ASSIST_REVIEW_APPROVAL_MODE")))
                .isEqualTo("${UPGRADE_ASSIST_REVIEW_APPROVAL_MODE:-ENGINEER}");
        // notification's directory names the roster's engineers with the same addresses
        for (int i = 0; scheduling.containsKey("UPGRADEASSIST_SCHEDULING_ENGINEERS_" + i + "_NAME"); i++) {
            Object name = scheduling.get("UPGRADEASSIST_SCHEDULING_ENGINEERS_" + i + "_NAME");
            assertThat(notification.get("UPGRADEASSIST_NOTIFICATION_ENGINEERS_" + i + "_NAME")).as("engineer %d", i).isEqualTo(name);
            for (String field : new String[] {"EMAIL", "REGION", "UPGRADEFOCUS", "TIMEZONE"}) {
                assertThat(notification.get("UPGRADEASSIST_NOTIFICATION_ENGINEERS_" + i + "_" + field)).as("%s %s", name, field)
                        .isEqualTo(scheduling.get("UPGRADEASSIST_SCHEDULING_ENGINEERS_" + i + "_" + field));
            }
        }
        assertThat(notification.get("UPGRADEASSIST_NOTIFICATION_ENGINEERS_0_NAME")).isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void keycloak_imports_a_realm_whose_access_tokens_carry_the_roles_claim() throws Exception {
        Map<String, Object> keycloak = service("keycloak");
        assertThat(String.valueOf(keycloak.get("command"))).contains("--import-realm");
        assertThat(String.valueOf(keycloak.get("volumes"))).contains("./ops/keycloak/upgrade-assist-realm.json");
        assertThat(String.valueOf(service("mongo").get("image"))).startsWith("mongo:7");

        Map<String, Object> realm = new Yaml().load(RepositoryFiles.read("ops/keycloak/upgrade-assist-realm.json"));
        assertThat(realm.get("realm")).isEqualTo("upgrade-assist");
        assertThat(String.valueOf(realm.get("roles"))).contains("PORTAL", "ENGINEER", "OPERATOR");
        List<Map<String, Object>> clients = (List<Map<String, Object>>) realm.get("clients");
        assertThat(String.valueOf(clients.get(0).get("protocolMappers")))
                .contains("oidc-usermodel-realm-role-mapper", "claim.name=roles", "access.token.claim=true");
        List<Map<String, Object>> users = (List<Map<String, Object>>) realm.get("users");
        assertThat(users).allSatisfy(user -> assertThat(String.valueOf(user.get("credentials")))
                .as("demo passwords must be changed at first sign-in").contains("temporary=true"));
    }

    @Test
    void every_mounted_file_exists_in_the_repository() {
        services.forEach((name, definition) -> {
            Object volumes = ((Map<?, ?>) definition).get("volumes");
            if (volumes == null) {
                return;
            }
            for (Object volume : (List<?>) volumes) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(RepositoryFiles.resolve(source.substring(2))).as("%s mounts %s", name, source).exists();
                }
            }
        });
        assertThat(String.valueOf(service("prometheus").get("volumes"))).contains("./ops/prometheus/prometheus.yml");
        assertThat(String.valueOf(service("grafana").get("volumes")))
                .contains("./ops/grafana/provisioning", "./ops/grafana/dashboards");
    }

    @Test
    void the_Dockerfile_builds_any_service_from_pinned_temurin_17_images() throws Exception {
        String dockerfile = Files.readString(RepositoryFiles.resolve("Dockerfile"));

        assertThat(dockerfile).contains("ARG SERVICE");
        Matcher images = Pattern.compile("eclipse-temurin:(\\S+)").matcher(dockerfile);
        int count = 0;
        while (images.find()) {
            count++;
            assertThat(images.group(1)).startsWith("17.").doesNotContain("latest");
        }
        assertThat(count).isGreaterThanOrEqualTo(2);
        // every module the reactor lists is copied into the build stage
        String rootPom = Files.readString(RepositoryFiles.resolve("pom.xml"));
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(rootPom);
        while (modules.find()) {
            assertThat(dockerfile).as("Dockerfile copies module %s", modules.group(1))
                    .contains("COPY " + modules.group(1) + "/pom.xml");
        }
    }

    static Stream<String> serviceNames() {
        parse();
        return services.keySet().stream();
    }

    private static Map<String, Object> service(String name) {
        assertThat(services).as("docker-compose services").containsKey(name);
        return map(services, name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    /** Host ports of "host:container" (or "host:container/proto") entries. */
    private static List<Integer> publishedPorts(Map<String, Object> service) {
        Object ports = service.get("ports");
        assertThat(ports).as("ports").isInstanceOf(List.class);
        return ((List<?>) ports).stream()
                .map(String::valueOf)
                .map(p -> p.split("/")[0].split(":"))
                .map(parts -> Integer.valueOf(parts[parts.length - 2]))
                .toList();
    }
}
