package io.kse.keycloak.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import jakarta.persistence.EntityManager;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Sends due outbox rows, on every node, on its own thread (SMTP never runs on a request thread, nor on Keycloak's
 * shared timer thread). Cluster safety comes from the row lease: a node owns a row only after an atomic conditional
 * UPDATE that sets {@code LEASE_OWNER}/{@code LEASE_UNTIL} affected exactly that row, so two nodes never send the same
 * row while the lease lasts. Each step is its own short transaction; no database connection is held during SMTP.
 *
 * <p>Throughput: one coordinator thread finds due rows, {@code delivery-threads} senders send them in parallel (one
 * SMTP conversation per mail, so a backlog after an outage needs parallelism), and the coordinator looks again at once
 * while it keeps finding full batches. Rows of one recipient go to one sender, one after another, so the per-recipient
 * rate limit (which counts what was sent) is never raced on this node.
 *
 * <p>Guarantee: at least once. A row is marked SENT right after the SMTP server accepted the mail (retried every
 * second for a lease's length while the database is unreachable); only if the node dies, or the database stays
 * unreachable longer than the lease, between that acceptance and the commit of SENT does the lease expire and the
 * mail go out a second time. A failure before acceptance is retried with exponential backoff, and after
 * {@code max-attempts} the row is dead-lettered (status DEAD, counter {@value #DEAD_LETTERED}).
 */
final class DeliveryWorker {

    static final String SENT = "kse_notifications_sent";
    static final String FAILED = "kse_notifications_failed_attempts";
    static final String DEAD_LETTERED = "kse_notifications_dead_lettered";

    private static final System.Logger LOG = System.getLogger(DeliveryWorker.class.getName());
    private static final int BATCH = 50;
    private static final int MAX_ERROR = 300;

    private final KeycloakSessionFactory factory;
    private final NotifyConfig config;
    private final String nodeId = UUID.randomUUID().toString();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final Counter sent = Metrics.counter(SENT);
    private final Counter failed = Metrics.counter(FAILED);
    private final Counter deadLettered = Metrics.counter(DEAD_LETTERED);
    private ScheduledExecutorService executor;
    private ExecutorService senders;

    DeliveryWorker(KeycloakSessionFactory factory, NotifyConfig config) {
        this.factory = factory;
        this.config = config;
    }

    synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kse-notification-delivery");
            thread.setDaemon(true);
            return thread;
        });
        senders = Executors.newFixedThreadPool(config.deliveryThreads, runnable -> {
            Thread thread = new Thread(runnable, "kse-notification-sender");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::deliverDueSafely, config.pollIntervalMillis, config.pollIntervalMillis,
                TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            senders.shutdownNow();
            executor = null;
            senders = null;
        }
    }

    /** Called after a commit that wrote rows: deliver soon instead of at the next poll. Never blocks. */
    void wakeUp() {
        ScheduledExecutorService current = executor;
        if (current != null && wakeQueued.compareAndSet(false, true)) {
            try {
                current.execute(() -> {
                    wakeQueued.set(false);
                    deliverDueSafely();
                });
            } catch (RuntimeException shuttingDown) {
                wakeQueued.set(false);
            }
        }
    }

    private void deliverDueSafely() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Notification delivery round failed: {0}", describe(e));
        }
    }

    void deliverDue() {
        ExecutorService pool = senders;
        int found;
        do {
            long now = Time.currentTimeMillis();
            List<Object[]> due = KeycloakModelUtils.runJobInTransactionWithResult(factory, session ->
                    Outbox.em(session).createNamedQuery("kseOutboxDue", Object[].class).setParameter("now", now)
                            .setMaxResults(BATCH).getResultList());
            found = due.size();
            Map<String, List<String>> byRecipient = new LinkedHashMap<>();
            for (Object[] row : due) {
                byRecipient.computeIfAbsent((String) row[1], recipient -> new ArrayList<>()).add((String) row[0]);
            }
            List<Future<?>> running = new ArrayList<>();
            for (List<String> ids : byRecipient.values()) {
                Runnable sendAll = () -> ids.forEach(this::claimAndDeliver);
                if (pool == null) {
                    sendAll.run(); // called directly (tests, or before start)
                } else {
                    running.add(pool.submit(sendAll));
                }
            }
            if (!awaitAll(running)) {
                return;
            }
        } while (found == BATCH && !Thread.currentThread().isInterrupted());
    }

    private void claimAndDeliver(String id) {
        try {
            if (claim(id)) {
                deliver(id);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Notification {0} not delivered in this round: {1}", id, describe(e));
        }
    }

    /** Waits for this batch; false when the node is shutting down. */
    private static boolean awaitAll(List<Future<?>> running) {
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                LOG.log(System.Logger.Level.WARNING, "Notification sender failed: {0}", describe(e.getCause()));
            }
        }
        return true;
    }

    private boolean claim(String id) {
        long now = Time.currentTimeMillis();
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, session ->
                Outbox.em(session).createNamedQuery("kseOutboxClaim").setParameter("owner", nodeId)
                        .setParameter("until", now + config.leaseMillis).setParameter("id", id)
                        .setParameter("now", now).executeUpdate() == 1);
    }

    private void deliver(String id) {
        Prepared prepared;
        try {
            prepared = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> prepare(session, id));
        } catch (RuntimeException e) {
            fail(id, e);
            return;
        }
        if (prepared == null) {
            return;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                try {
                    session.getProvider(EmailSenderProvider.class).send(prepared.smtp, prepared.recipient,
                            prepared.mail.subject(), prepared.mail.text(), prepared.mail.html());
                } catch (Exception e) {
                    throw new DeliveryFailed(e);
                }
            });
        } catch (RuntimeException e) {
            fail(id, e instanceof DeliveryFailed && e.getCause() != null ? (Exception) e.getCause() : e);
            return;
        }
        markSent(id);
        sent.increment();
        LOG.log(System.Logger.Level.DEBUG, "Notification {0} sent", id);
    }

    /**
     * The mail is out: if the database cannot take that fact now (it is restarting), try again every second for as
     * long as a lease lasts. Giving up at once would let the lease expire and the mail go out a second time.
     */
    private void markSent(String id) {
        long giveUpAt = System.currentTimeMillis() + config.leaseMillis;
        while (true) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    OutboxEntity row = Outbox.em(session).find(OutboxEntity.class, id);
                    if (row == null) {
                        return;
                    }
                    if (!nodeId.equals(row.getLeaseOwner())) {
                        LOG.log(System.Logger.Level.WARNING, "Notification {0} was sent after its lease expired; it may be sent twice", id);
                    }
                    row.setStatus(OutboxEntity.SENT);
                    row.setSentAt(Time.currentTimeMillis());
                    row.setAttempts(row.getAttempts() + 1);
                    row.setLeaseOwner(null);
                    row.setLeaseUntil(null);
                });
                return;
            } catch (RuntimeException e) {
                if (System.currentTimeMillis() >= giveUpAt || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "Notification {0} was sent but not yet marked as sent; retrying: {1}",
                        id, describe(e));
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private record Prepared(Map<String, String> smtp, String recipient, MailRenderer.Mail mail) {
    }

    private Prepared prepare(KeycloakSession session, String id) {
        EntityManager em = Outbox.em(session);
        OutboxEntity row = em.find(OutboxEntity.class, id);
        if (row == null || !OutboxEntity.PENDING.equals(row.getStatus()) || !nodeId.equals(row.getLeaseOwner())) {
            return null;
        }
        RealmModel realm = session.realms().getRealm(row.getRealmId());
        if (realm == null) {
            em.remove(row); // the realm is gone and with it every user the notice was about
            return null;
        }
        session.getContext().setRealm(realm);
        long now = Time.currentTimeMillis();
        List<Long> recent = em.createNamedQuery("kseOutboxSentSince", Long.class)
                .setParameter("realmId", row.getRealmId()).setParameter("recipient", row.getRecipient())
                .setParameter("since", now - config.rateLimit.windowMillis()).getResultList();
        long notBefore = config.rateLimit.notBefore(now, recent.size(), recent.isEmpty() ? 0 : recent.get(0));
        if (notBefore > 0) {
            row.setNextAttemptAt(notBefore);
            row.setLeaseOwner(null);
            row.setLeaseUntil(null);
            return null;
        }
        Map<String, String> smtp = realm.getSmtpConfig();
        if (smtp == null || smtp.get("host") == null) {
            throw new IllegalStateException("realm has no SMTP server configured");
        }
        try {
            Map<String, String> payload = Outbox.payload(row.getPayload());
            MailRenderer.NotMeLink link = notMeLink(session, realm, row, payload);
            MailRenderer.Mail mail = MailRenderer.render(session, realm, NotificationKind.fromId(row.getKind()),
                    row.getLocale(), payload, link);
            return new Prepared(Map.copyOf(smtp), row.getRecipient(), mail);
        } catch (Exception e) {
            throw new DeliveryFailed(e);
        }
    }

    /** The notice matters more than its link: a link that cannot be made leaves the mail without one, not unsent. */
    private MailRenderer.NotMeLink notMeLink(KeycloakSession session, RealmModel realm, OutboxEntity row,
                                             Map<String, String> payload) {
        try {
            return NotMeLinks.link(session, realm, row, payload.get(NotMe.PAYLOAD_LINK_BASE),
                    RealmNotifySettings.of(realm, config).linkLifetimeDays, Time.currentTime()).orElse(null);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Notification {0} goes out without its not-me link: {1}", row.getId(),
                    describe(e));
            return null;
        }
    }

    private void fail(String id, Exception error) {
        failed.increment();
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            OutboxEntity row = Outbox.em(session).find(OutboxEntity.class, id);
            if (row == null || !nodeId.equals(row.getLeaseOwner())) {
                return;
            }
            int attempts = row.getAttempts() + 1;
            row.setAttempts(attempts);
            row.setLastError(describe(error));
            row.setLeaseOwner(null);
            row.setLeaseUntil(null);
            if (attempts >= config.maxAttempts) {
                row.setStatus(OutboxEntity.DEAD);
                deadLettered.increment();
                LOG.log(System.Logger.Level.WARNING, "Notification {0} ({1}) dead-lettered after {2} attempts: {3}", id,
                        row.getKind(), attempts, row.getLastError());
            } else {
                row.setNextAttemptAt(Time.currentTimeMillis() + config.backoff.delayMillis(attempts));
                LOG.log(System.Logger.Level.INFO, "Notification {0} ({1}) attempt {2} failed, retrying later: {3}", id,
                        row.getKind(), attempts, row.getLastError());
            }
        });
    }

    /** Error classes and messages only (SMTP and template errors); never a mail body or an address. */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        Throwable current = error;
        for (int depth = 0; current != null && depth < 4; depth++, current = current.getCause()) {
            if (current instanceof DeliveryFailed) {
                continue;
            }
            if (text.length() > 0) {
                text.append(" <- ");
            }
            text.append(current.getClass().getSimpleName());
        }
        String result = text.toString();
        return result.length() > MAX_ERROR ? result.substring(0, MAX_ERROR) : result;
    }

    /** Carries a checked failure out of a transaction lambda. */
    private static final class DeliveryFailed extends RuntimeException {
        DeliveryFailed(Exception cause) {
            super(cause);
        }
    }
}
