package dev.upgradeassist.platform.messaging;

import dev.upgradeassist.contracts.EventTypes;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The contract types a service's listeners have a handler for: the union, over its {@code @KafkaListener} classes, of
 * the event types their {@code @KafkaHandler} methods take. The value deserializer decodes the body of those types
 * only; a record of any other type becomes an {@link UnhandledEvent} without its JSON being read, and the listener
 * skips it with the same counter as before. A topic carries every type its producer publishes, and most services
 * handle a few of them: scheduling reads every {@code RequestReceived} (the largest body, a whole submission) only to
 * skip it (docs/adr/0033).
 */
final class HandledEventTypes implements Predicate<String> {

    private final Supplier<Collection<Class<?>>> listenerClasses;
    private volatile Set<String> typeIds;

    HandledEventTypes(Supplier<Collection<Class<?>>> listenerClasses) {
        this.listenerClasses = listenerClasses;
    }

    /** The listener classes of a context, read by type (no bean is made), when the first consumer is made. */
    static HandledEventTypes of(ListableBeanFactory beans) {
        return new HandledEventTypes(() -> {
            List<Class<?>> classes = new ArrayList<>();
            for (String name : beans.getBeanNamesForAnnotation(KafkaListener.class)) {
                Class<?> type = beans.getType(name, false);
                if (type != null) {
                    classes.add(ClassUtils.getUserClass(type));
                }
            }
            return classes;
        });
    }

    /** @return whether a record of {@code typeId} (a known contract type) is decoded for a handler */
    @Override
    public boolean test(String typeId) {
        Set<String> handled = typeIds;
        if (handled == null) {
            handled = handled(listenerClasses.get());
            typeIds = handled;
        }
        // no class-level listener found (a context that declares its listeners otherwise): decode every type
        return handled.isEmpty() || handled.contains(typeId);
    }

    static Set<String> handled(Collection<Class<?>> listenerClasses) {
        List<Class<?>> parameterTypes = new ArrayList<>();
        for (Class<?> listener : listenerClasses) {
            ReflectionUtils.doWithMethods(listener, method -> {
                boolean theSkip = method.getDeclaringClass() == EventListenerSupport.class;
                if (!theSkip && method.getParameterCount() > 0
                        && AnnotatedElementUtils.hasAnnotation(method, KafkaHandler.class)) {
                    parameterTypes.add(method.getParameterTypes()[0]);
                }
            });
        }
        // a handler of a supertype takes every event of it; EventListenerSupport's default handler, the skip, takes none
        return EventTypes.all().values().stream()
                .filter(type -> parameterTypes.stream().anyMatch(parameter -> parameter.isAssignableFrom(type.javaType())))
                .map(EventTypes.EventType::typeId)
                .collect(Collectors.toUnmodifiableSet());
    }
}
