package io.kse.keycloak.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One notification mail to one recipient, written in the transaction of the change it reports (transactional outbox)
 * and delivered later by {@link DeliveryWorker}. Holds only what the template needs (no secrets, no rendered body), so
 * the mail is rendered at delivery in the recipient's locale with the realm's current email theme.
 *
 * <p>Public and non-final only because Hibernate requires it; nothing outside this package uses it.
 */
@Entity
@Table(name = "KSE_NOTIFICATION_OUTBOX")
@NamedQueries({
        @NamedQuery(name = "kseOutboxDue", query = "select o.id, o.recipient from OutboxEntity o where o.status = 'PENDING'"
                + " and o.nextAttemptAt <= :now and (o.leaseUntil is null or o.leaseUntil < :now) order by o.nextAttemptAt"),
        @NamedQuery(name = "kseOutboxClaim", query = "update OutboxEntity o set o.leaseOwner = :owner, o.leaseUntil = :until"
                + " where o.id = :id and o.status = 'PENDING' and o.nextAttemptAt <= :now"
                + " and (o.leaseUntil is null or o.leaseUntil < :now)"),
        @NamedQuery(name = "kseOutboxPendingFor", query = "select o from OutboxEntity o where o.status = 'PENDING'"
                + " and o.realmId = :realmId and o.kind = :kind and o.recipient = :recipient and o.subjectUserId = :userId"
                + " and o.createdAt >= :since order by o.createdAt desc"),
        @NamedQuery(name = "kseOutboxRecentFor", query = "select o from OutboxEntity o where o.realmId = :realmId"
                + " and o.kind = :kind and o.recipient = :recipient and o.subjectUserId = :userId"
                + " and o.createdAt >= :since order by o.createdAt desc"),
        @NamedQuery(name = "kseOutboxSentSince", query = "select o.sentAt from OutboxEntity o where o.status = 'SENT'"
                + " and o.realmId = :realmId and o.recipient = :recipient and o.sentAt >= :since order by o.sentAt"),
        @NamedQuery(name = "kseOutboxByStatus", query = "select o from OutboxEntity o where o.realmId = :realmId"
                + " and o.status = :status order by o.createdAt desc"),
})
public class OutboxEntity {

    static final String PENDING = "PENDING";
    static final String SENT = "SENT";
    static final String DEAD = "DEAD";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** The user the notice is about (for USER_ADDED: the new user). */
    @Column(name = "SUBJECT_USER_ID", length = 36, nullable = false)
    private String subjectUserId;

    /** Id of the user the mail goes to; null when it goes to an address no user holds any more (old email). */
    @Column(name = "RECIPIENT_USER_ID", length = 36)
    private String recipientUserId;

    @Column(name = "RECIPIENT", nullable = false)
    private String recipient;

    @Column(name = "LOCALE", length = 16, nullable = false)
    private String locale;

    @Column(name = "KIND", length = 40, nullable = false)
    private String kind;

    /** Template attributes as JSON (strings only). */
    @Column(name = "PAYLOAD", length = 4000, nullable = false)
    private String payload;

    /** Unique: the same source event never yields two rows for one recipient. */
    @Column(name = "DEDUPE_KEY", nullable = false, unique = true)
    private String dedupeKey;

    @Column(name = "STATUS", length = 10, nullable = false)
    private String status;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    /** Notices folded into this one (see {@link Coalescing}). */
    @Column(name = "COALESCED", nullable = false)
    private int coalesced;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
    private long nextAttemptAt;

    @Column(name = "LEASE_OWNER", length = 64)
    private String leaseOwner;

    @Column(name = "LEASE_UNTIL")
    private Long leaseUntil;

    @Column(name = "SENT_AT")
    private Long sentAt;

    /** Class of the last delivery error and a bounded message; never a mail body. */
    @Column(name = "LAST_ERROR", length = 500)
    private String lastError;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getSubjectUserId() { return subjectUserId; }
    public void setSubjectUserId(String subjectUserId) { this.subjectUserId = subjectUserId; }
    public String getRecipientUserId() { return recipientUserId; }
    public void setRecipientUserId(String recipientUserId) { this.recipientUserId = recipientUserId; }
    public String getRecipient() { return recipient; }
    public void setRecipient(String recipient) { this.recipient = recipient; }
    public String getLocale() { return locale; }
    public void setLocale(String locale) { this.locale = locale; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getPayload() { return payload; }
    public void setPayload(String payload) { this.payload = payload; }
    public String getDedupeKey() { return dedupeKey; }
    public void setDedupeKey(String dedupeKey) { this.dedupeKey = dedupeKey; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public int getCoalesced() { return coalesced; }
    public void setCoalesced(int coalesced) { this.coalesced = coalesced; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public long getNextAttemptAt() { return nextAttemptAt; }
    public void setNextAttemptAt(long nextAttemptAt) { this.nextAttemptAt = nextAttemptAt; }
    public String getLeaseOwner() { return leaseOwner; }
    public void setLeaseOwner(String leaseOwner) { this.leaseOwner = leaseOwner; }
    public Long getLeaseUntil() { return leaseUntil; }
    public void setLeaseUntil(Long leaseUntil) { this.leaseUntil = leaseUntil; }
    public Long getSentAt() { return sentAt; }
    public void setSentAt(Long sentAt) { this.sentAt = sentAt; }
    public String getLastError() { return lastError; }
    public void setLastError(String lastError) { this.lastError = lastError; }
}
