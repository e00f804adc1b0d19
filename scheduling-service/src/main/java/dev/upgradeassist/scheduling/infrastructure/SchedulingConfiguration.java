package dev.upgradeassist.scheduling.infrastructure;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.SecureRandom;

/** Wiring that belongs to no single feature. */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

    /** Booking tokens come from here (the platform's strong default source, non-blocking). */
    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    /**
     * Pages and calls that carry a booking token in their URL never leak it through a Referer header, and are never
     * cached or indexed.
     */
    @Bean
    FilterRegistrationBean<Filter> bookingTokenHeaders() {
        Filter filter = (request, response, chain) -> {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setHeader("Referrer-Policy", "no-referrer");
            http.setHeader("X-Robots-Tag", "noindex, nofollow");
            http.setHeader("Cache-Control", "no-store");
            chain.doFilter(request, response);
        };
        var registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/book/*", "/api/v1/bookings/*", "/calls/*", "/api/v1/calls/*");
        registration.setName("bookingTokenHeaders");
        return registration;
    }
}
