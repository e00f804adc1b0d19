package dev.upgradeassist.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /error} as problem details for every client that is not a browser: what reaches the servlet container's
 * error page (a request the security firewall rejected, a wrong method the container refused, an exception outside
 * Spring MVC) answers like every other error, not with Spring Boot's default JSON. A browser still gets Boot's HTML
 * error page. Asked for directly, {@code /error} is a 404 (it was a 500 with status 999).
 */
public class ProblemErrorController extends BasicErrorController {

    public ProblemErrorController(ErrorAttributes errorAttributes, List<ErrorViewResolver> resolvers) {
        super(errorAttributes, new ErrorProperties(), resolvers);
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail(status));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof RequestRejectedException) {
            return HttpStatus.BAD_REQUEST;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer value)) {
            return HttpStatus.NOT_FOUND; // not an error dispatch: someone asked for /error itself
        }
        HttpStatus status = HttpStatus.resolve(value);
        return status == null || value < 400 ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request was rejected: its path, headers or body are malformed or not allowed";
            case UNAUTHORIZED -> "A valid bearer token is required";
            case FORBIDDEN -> "This token's role may not call this endpoint";
            case NOT_FOUND -> "There is nothing at this path";
            case METHOD_NOT_ALLOWED -> "This method is not allowed at this path";
            case CONTENT_TOO_LARGE -> "The request body is larger than the limit of 256 KiB";
            case INTERNAL_SERVER_ERROR -> "An unexpected error occurred; it has been logged";
            default -> status.getReasonPhrase();
        };
    }
}
