package io.kse.keycloak.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code GET /admin/realms/{realm}/kse-notifications?status=DEAD}: the realm's notifications by delivery status,
 * newest first, for whoever may view the realm's events. Shows delivery facts only (no payload, no body).
 */
public final class NotificationsAdminResource {

    private static final Set<String> STATUSES = Set.of(OutboxEntity.PENDING, OutboxEntity.SENT, OutboxEntity.DEAD);
    private static final int MAX = 100;
    /** Row ids are UUIDs; anything else is refused before the database (PostgreSQL rejects NUL in text: a 500). */
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F-]{1,64}");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    NotificationsAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list(@QueryParam("status") String status, @QueryParam("max") Integer max) {
        auth.realm().requireViewEvents();
        String wanted = status == null ? OutboxEntity.DEAD : status.toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(wanted)) {
            throw new BadRequestException("status must be one of " + STATUSES);
        }
        int limit = max == null ? MAX : Math.max(1, Math.min(MAX, max));
        return Outbox.em(session).createNamedQuery("kseOutboxByStatus", OutboxEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("status", wanted)
                .setMaxResults(limit).getResultList().stream().map(NotificationsAdminResource::view).toList();
    }

    /**
     * One notification's delivery facts. Besides being useful for following up a dead letter, a method with
     * {@code @Path} makes RESTEasy Reactive register this class as a sub-resource: without one, every request to the
     * locator answered 405.
     */
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get(@PathParam("id") String id) {
        auth.realm().requireViewEvents();
        OutboxEntity row = wellFormedId(id) ? Outbox.em(session).find(OutboxEntity.class, id) : null;
        if (row == null || !realm.getId().equals(row.getRealmId())) {
            throw new NotFoundException("No such notification in this realm");
        }
        return view(row);
    }

    static boolean wellFormedId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private static Map<String, Object> view(OutboxEntity row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.getId());
        view.put("kind", row.getKind());
        view.put("userId", row.getSubjectUserId());
        view.put("recipient", row.getRecipient());
        view.put("status", row.getStatus());
        view.put("attempts", row.getAttempts());
        view.put("coalesced", row.getCoalesced());
        view.put("createdAt", row.getCreatedAt());
        view.put("nextAttemptAt", row.getNextAttemptAt());
        view.put("sentAt", row.getSentAt());
        view.put("lastError", row.getLastError());
        return view;
    }
}
