package dev.upgradeassist.platform.web;

import dev.upgradeassist.platform.domain.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every error as RFC 9457 problem details: validation failures carry an {@code errors} array of
 * {@code {field, message}}; unreadable bodies are 400 (413 past the size limit); nothing unexpected
 * leaks a stack trace or an internal class name.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();
    /** RFC 9457: no semantics beyond the status code, whose phrase is the title. Spring 7 leaves the type out. */
    private static final java.net.URI ABOUT_BLANK = java.net.URI.create("about:blank");

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        return problem(problem.status(), problem.title(), problem.getMessage(), problem.errors());
    }

    /** A command the domain refused: the kind of rule it broke says the status, never an HTTP type in domain code. */
    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> ruleViolation(RuleViolation violation) {
        HttpStatus status = switch (violation.kind()) {
            case ILLEGAL_TRANSITION -> HttpStatus.CONFLICT;
            case NO_LONGER_AVAILABLE -> HttpStatus.GONE;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case UNACCEPTABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
        if (violation.field() == null) {
            return problem(status, status.getReasonPhrase(), violation.getMessage(), List.of());
        }
        // as a validation failure reads: a summary, and the field with its message
        return problem(status, status.getReasonPhrase(), violation.kind() == RuleViolation.Kind.INVALID
                ? "The request is invalid" : violation.getMessage(),
                List.of(new ApiProblem.FieldError(violation.field(), violation.getMessage())));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthenticationCredentialsNotFoundException.class})
    ResponseEntity<ProblemDetail> accessDenied(RuntimeException e) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || TRUST.isAnonymous(authentication)) {
            return problem(HttpStatus.UNAUTHORIZED, "Unauthorized", "A valid bearer token is required", List.of());
        }
        return problem(HttpStatus.FORBIDDEN, "Forbidden", "This token's role may not call this endpoint", List.of());
    }

    /** A header or parameter that Spring Security's firewall refuses when the controller reads it (non-ASCII, control characters). */
    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(org.springframework.security.web.firewall.RequestRejectedException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad Request",
                "The request was rejected: a header or parameter holds characters that are not allowed", List.of());
    }

    /** A query or form parameter Tomcat cannot decode (not UTF-8, a broken %-escape). */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableParameter(org.apache.tomcat.util.http.InvalidParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad Request",
                "A query parameter could not be decoded: use UTF-8 and valid %-escapes", List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad Request", "A parameter has an invalid value",
                List.of(new ApiProblem.FieldError(e.getName(), "has an invalid value")));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
                "An unexpected error occurred; nothing was changed by it twice, and it has been logged", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(new ApiProblem.FieldError(error.getField(), error.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors().forEach(error ->
                errors.add(new ApiProblem.FieldError(error.getObjectName(), error.getDefaultMessage())));
        return cast(problem(HttpStatus.BAD_REQUEST, "Bad Request", "The request body is invalid", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(new ApiProblem.FieldError(result.getMethodParameter().getParameterName(),
                        error.getDefaultMessage()))));
        return cast(problem(HttpStatus.BAD_REQUEST, "Bad Request", "The request is invalid", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (causedBy(ex, PayloadTooLargeException.class)) {
            return cast(problem(HttpStatus.CONTENT_TOO_LARGE, "Content Too Large",
                    "The request body is larger than the limit of 256 KiB", List.of()));
        }
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        String detail = "The request body is not valid JSON";
        Throwable cause = ex.getCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = path(databind);
            errors.add(new ApiProblem.FieldError(field, fieldMessage(databind)));
            detail = "The request body has a field with a wrong type or an unknown value";
        } else if (cause instanceof JacksonException) {
            detail = "The request body is not valid JSON";
        } else if (cause == null) {
            detail = "The request body is missing or unreadable";
        }
        return cast(problem(HttpStatus.BAD_REQUEST, "Bad Request", detail, errors));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            // Spring's default details can name internal types: keep only the title for those
            problem.setDetail(problem.getTitle());
            problem.setType(ABOUT_BLANK);
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return response;
    }

    private static String path(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String fieldMessage(DatabindException e) {
        if (e instanceof tools.jackson.databind.exc.InvalidFormatException invalid
                && invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
            Object[] constants = invalid.getTargetType().getEnumConstants();
            List<String> allowed = new ArrayList<>();
            for (Object constant : constants) {
                allowed.add(((Enum<?>) constant).name());
            }
            return "must be one of " + String.join(", ", allowed);
        }
        return "has a wrong type or an invalid value";
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
                                                 List<ApiProblem.FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ABOUT_BLANK);
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperties(Map.of("errors", errors));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
