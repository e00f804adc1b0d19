package dev.upgradeassist.localstack;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The ports of one stack: {@link #STANDARD} (run-local.sh, docker-compose.yml, the README) or free ones
 * (each system-test stack, so that it never collides with a developer's stack).
 */
public record StackPorts(int kafka, int kafkaController, int mongo, int smtp, int imap, int mailApi,
                         Map<AppService, Integer> services) {

    public static final StackPorts STANDARD = new StackPorts(9092, 9093, 27017, 3025, 3143, 8025, defaultServicePorts());

    public StackPorts {
        services = Map.copyOf(services);
        for (AppService service : AppService.values()) {
            if (!services.containsKey(service)) {
                throw new IllegalArgumentException("no port for " + service.id());
            }
        }
    }

    /** Every port from {@code free} (e.g. a free-port finder). */
    public static StackPorts free(IntSupplier free) {
        Map<AppService, Integer> services = new EnumMap<>(AppService.class);
        int kafka = free.getAsInt();
        int controller = free.getAsInt();
        int mongo = free.getAsInt();
        int smtp = free.getAsInt();
        int imap = free.getAsInt();
        int mailApi = free.getAsInt();
        for (AppService service : AppService.values()) {
            services.put(service, free.getAsInt());
        }
        return new StackPorts(kafka, controller, mongo, smtp, imap, mailApi, services);
    }

    private static Map<AppService, Integer> defaultServicePorts() {
        Map<AppService, Integer> ports = new EnumMap<>(AppService.class);
        for (AppService service : AppService.values()) {
            ports.put(service, service.port());
        }
        return ports;
    }

    public int service(AppService service) {
        return services.get(service);
    }

    /** The ports that must accept connections before an infrastructure process counts as ready. */
    public List<Integer> of(Infra infra) {
        return switch (infra) {
            case KAFKA -> List.of(kafka);
            case MONGO -> List.of(mongo);
            case MAIL -> List.of(mailApi, smtp, imap);
        };
    }
}
