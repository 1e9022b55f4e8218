package io.kse.keycloak.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.util.JsonSerialization;

/** Writes notices into the outbox table through the session's entity manager, i.e. inside its transaction. */
final class Outbox {

    private Outbox() {
    }

    static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Records one mail, or folds it into a pending one of the same kind (see {@link Coalescing}). */
    static void enqueue(KeycloakSession session, Coalescing coalescing, String realmId, NotificationKind kind,
                        String subjectUserId, String recipientUserId, String recipient, String locale,
                        String sourceEventId, Map<String, String> payload, long now) {
        EntityManager em = em(session);
        if (kind == NotificationKind.ACCOUNT_LOCKED) {
            List<OutboxEntity> recent = em.createNamedQuery("kseOutboxRecentFor", OutboxEntity.class)
                    .setParameter("realmId", realmId).setParameter("kind", kind.id())
                    .setParameter("recipient", recipient).setParameter("userId", subjectUserId)
                    .setParameter("since", now - Coalescing.LOCKOUT_QUIET_MILLIS)
                    .setMaxResults(1).getResultList();
            if (!recent.isEmpty()) {
                recent.get(0).setCoalesced(recent.get(0).getCoalesced() + 1); // counted, not mailed again
                return;
            }
        }
        if (coalescing.foldable(kind)) {
            List<OutboxEntity> pending = em.createNamedQuery("kseOutboxPendingFor", OutboxEntity.class)
                    .setParameter("realmId", realmId).setParameter("kind", kind.id())
                    .setParameter("recipient", recipient).setParameter("userId", subjectUserId)
                    .setParameter("since", now - coalescing.windowMillis())
                    .setMaxResults(1).getResultList();
            if (!pending.isEmpty() && coalescing.folds(kind, pending.get(0).getCreatedAt(), now)) {
                OutboxEntity folded = pending.get(0);
                folded.setCoalesced(folded.getCoalesced() + 1);
                folded.setPayload(json(payload)); // the latest occurrence is what the user sees
                return;
            }
        }
        OutboxEntity row = new OutboxEntity();
        row.setId(UUID.randomUUID().toString());
        row.setRealmId(realmId);
        row.setKind(kind.id());
        row.setSubjectUserId(subjectUserId);
        row.setRecipientUserId(recipientUserId);
        row.setRecipient(recipient);
        row.setLocale(locale);
        row.setPayload(json(payload));
        row.setDedupeKey(dedupeKey(kind, sourceEventId, recipient));
        row.setStatus(OutboxEntity.PENDING);
        row.setCreatedAt(now);
        row.setNextAttemptAt(now);
        em.persist(row);
    }

    /** One source event yields at most one mail of a kind per recipient; hashed so that addresses are not indexed. */
    static String dedupeKey(NotificationKind kind, String sourceEventId, String recipient) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (kind.id() + '\n' + sourceEventId + '\n' + recipient.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(Map<String, String> payload) {
        try {
            return JsonSerialization.writeValueAsString(payload);
        } catch (IOException e) {
            throw new IllegalStateException("notification payload not serialisable", e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> payload(String json) {
        try {
            return JsonSerialization.readValue(json, Map.class);
        } catch (IOException e) {
            throw new IllegalStateException("notification payload unreadable", e);
        }
    }
}
