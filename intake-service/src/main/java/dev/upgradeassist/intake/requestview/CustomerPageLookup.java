package dev.upgradeassist.intake.requestview;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /api/v1/customer-pages/lookup}: the token of a customer's request page link ({@code /r/<token>}), in a
 * body so that it stays out of URLs and access logs. Its {@link #toString} leaves the token out (Spring logs read
 * bodies at debug level by their {@code toString}).
 */
record CustomerPageLookup(
        @Schema(description = "The token from the link `/r/<token>`: 43 characters of base64url",
                example = "q2Xb0tWc3hY5mF1nR8pL4kJ7aS9dG6eZ0uV2iO3yT1w") String token) {

    @Override
    public String toString() {
        return "CustomerPageLookup[token=(not logged)]";
    }
}
