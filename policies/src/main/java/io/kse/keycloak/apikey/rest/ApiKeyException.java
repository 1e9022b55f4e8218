package io.kse.keycloak.apikey.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A JSON error answer ({@code error}, {@code error_description}); messages never contain key material. */
final class ApiKeyException extends WebApplicationException {

    ApiKeyException(Response.Status status, String error, String description) {
        super(description, Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiKeyViews.error(error, description))
                .build());
    }
}
