package dev.upgradeassist.platform.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;

/**
 * Spring MVC's own errors outside our REST controllers (an unknown path, a wrong method, a page controller's bad
 * parameter) as problem details with a type, in place of Boot's {@code spring.mvc.problemdetails} handler, whose
 * problems had none and whose details named internal things ("No static resource ..."). {@link ProblemDetailsAdvice}
 * comes first for the REST controllers.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class FallbackProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    /** A query or form parameter Tomcat cannot decode, outside the REST controllers (pages): 400, not 500. */
    @org.springframework.web.bind.annotation.ExceptionHandler({org.apache.tomcat.util.http.InvalidParameterException.class,
            org.springframework.security.web.firewall.RequestRejectedException.class})
    ResponseEntity<ProblemDetail> rejectedInput(Exception e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                ProblemErrorController.detail(HttpStatus.BAD_REQUEST));
        problem.setType(URI.create("about:blank"));
        problem.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            HttpStatus status = HttpStatus.resolve(problem.getStatus());
            problem.setType(URI.create("about:blank"));
            problem.setTitle(status == null ? problem.getTitle() : status.getReasonPhrase());
            problem.setDetail(status == null ? problem.getTitle() : ProblemErrorController.detail(status));
            problem.setInstance(null);
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return response;
    }
}
