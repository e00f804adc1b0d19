package dev.upgradeassist.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Evaluates a handler's {@code @PreAuthorize} before Spring MVC reads and validates the request
 * body. Method security alone runs after argument resolution, so a caller with the wrong role and a
 * broken body would get 400 (and learn about our validation) instead of the contract's 403.
 */
public class RoleCheckInterceptor implements HandlerInterceptor {

    private final PreAuthorizeAuthorizationManager preAuthorize = new PreAuthorizeAuthorizationManager();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(PreAuthorize.class)) {
            var invocation = new SimpleMethodInvocation(method.getBean(), method.getMethod());
            AuthorizationResult result = preAuthorize.authorize(
                    () -> SecurityContextHolder.getContext().getAuthentication(), invocation);
            if (result != null && !result.isGranted()) {
                throw new AccessDeniedException("Access Denied");
            }
        }
        return true;
    }
}
