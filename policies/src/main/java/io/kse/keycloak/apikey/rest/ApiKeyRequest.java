package io.kse.keycloak.apikey.rest;

import java.util.List;

/** JSON body of create (all fields) and rotate ({@code overlapHours} only). Unknown fields are refused. */
public final class ApiKeyRequest {

    private String label;
    private Integer expiresInDays;
    private List<String> roles;
    private List<String> scopes;
    private Integer overlapHours;

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public Integer getExpiresInDays() {
        return expiresInDays;
    }

    public void setExpiresInDays(Integer expiresInDays) {
        this.expiresInDays = expiresInDays;
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles;
    }

    public List<String> getScopes() {
        return scopes;
    }

    public void setScopes(List<String> scopes) {
        this.scopes = scopes;
    }

    public Integer getOverlapHours() {
        return overlapHours;
    }

    public void setOverlapHours(Integer overlapHours) {
        this.overlapHours = overlapHours;
    }
}
