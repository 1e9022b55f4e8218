package io.kse.keycloak.notify;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.urls.UrlType;

/**
 * Turns events into outbox rows in the transaction of the request that caused them: a rolled-back change leaves no
 * row, a committed one always does. Nothing here talks to SMTP; after the commit the worker is only nudged.
 * One instance per Keycloak session, so it also drops the second event Keycloak fires for the same change.
 */
final class SecurityNotificationListener implements EventListenerProvider {

    private static final System.Logger LOG = System.getLogger(SecurityNotificationListener.class.getName());
    private static final int MAX_VALUE = 100;

    private final KeycloakSession session;
    private final NotifyConfig config;
    private final DeliveryWorker worker;
    private final Set<String> seenThisRequest = new HashSet<>();
    private boolean wakeEnlisted;

    SecurityNotificationListener(KeycloakSession session, NotifyConfig config, DeliveryWorker worker) {
        this.session = session;
        this.config = config;
        this.worker = worker;
    }

    @Override
    public void onEvent(Event event) {
        EventMapper.map(event).ifPresent(trigger -> record(event.getRealmId(), trigger, event.getTime(),
                event.getIpAddress(), event.getClientId(), null));
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        EventMapper.map(event).ifPresent(trigger -> {
            String actor = event.getAuthDetails() == null ? null : actorName(event.getAuthDetails().getRealmId(),
                    event.getAuthDetails().getUserId());
            String ip = event.getAuthDetails() == null ? null : event.getAuthDetails().getIpAddress();
            String client = event.getAuthDetails() == null ? null : event.getAuthDetails().getClientId();
            record(event.getRealmId(), trigger, event.getTime(), ip, clientName(event.getAuthDetails() == null
                    ? null : event.getAuthDetails().getRealmId(), client), actor == null ? "?" : actor);
        });
    }

    private void record(String realmId, Trigger trigger, long time, String ip, String client, String actor) {
        RealmModel realm = realmId == null ? null : session.realms().getRealm(realmId);
        if (realm == null) {
            return;
        }
        RealmNotifySettings settings = RealmNotifySettings.of(realm, config);
        UserModel user = session.users().getUserById(realm, trigger.userId());
        if (user == null) {
            return;
        }
        Map<String, String> payload = new LinkedHashMap<>(trigger.facts());
        NotificationKind kind = resolve(realm, settings, user, trigger.kind(), payload);
        if (kind == null || !settings.enabled(kind) && (kind != NotificationKind.ROLE_GRANTED
                || !settings.enabled(NotificationKind.ROLE_GRANTED_ADMIN))) {
            return;
        }
        if (!seenThisRequest.add(kind + "/" + trigger.userId() + "/" + payload.getOrDefault(Trigger.API_KEY_ID, ""))) {
            return;
        }
        if (kind == NotificationKind.CREDENTIAL_ADDED && !payload.containsKey(Trigger.DEVICE_LABEL)) {
            newestLabel(user, payload.get(Trigger.CREDENTIAL_TYPE)).ifPresent(label -> payload.put(Trigger.DEVICE_LABEL, label));
        }
        if (kind.apiKey() && !payload.containsKey(Trigger.API_KEY_EXPIRES_AT)) {
            ApiKeyBridge.expiresAt(session, realm, user, payload.get(Trigger.API_KEY_ID))
                    .ifPresent(at -> payload.put(Trigger.API_KEY_EXPIRES_AT, Long.toString(at)));
        }
        payload.put("time", Long.toString(time > 0 ? time : Time.currentTimeMillis()));
        payload.put("ip", Subjects.oneLine(ip == null ? "" : ip, 64));
        // An expiry notice comes from the maintenance pass: whoever's request ran it is not the key's user.
        payload.put("device", kind.apiKeyExpiry() ? "" : Subjects.oneLine(UserAgents.describe(userAgent()), MAX_VALUE));
        payload.put("client", Subjects.oneLine(client == null ? "" : client, MAX_VALUE));
        if (trigger.byAdmin()) {
            payload.put("actor", Subjects.oneLine(actor, MAX_VALUE));
        }
        payload.put("username", Subjects.oneLine(user.getUsername(), MAX_VALUE));
        payload.put("userName", Subjects.oneLine(displayName(user), MAX_VALUE));
        payload.put("userEmail", user.getEmail() == null ? "" : user.getEmail());
        // Only the user's own notices carry the link; the admin copy of a role grant is enqueued from this same payload.
        Map<String, String> adminPayload = new LinkedHashMap<>(payload);
        if (kind.userFacing()) {
            frontendBase().ifPresent(base -> payload.put(NotMe.PAYLOAD_LINK_BASE, base));
        }

        long now = Time.currentTimeMillis();
        String sourceId = trigger.sourceEventId() == null ? UUID.randomUUID().toString() : trigger.sourceEventId();
        switch (kind) {
            case USER_ADDED, NOT_ME_REPORTED -> toRecipientRoles(realm, settings, user, kind, sourceId, payload, now);
            case EMAIL_CHANGED -> Outbox.enqueue(session, config.coalescing, realm.getId(), kind, user.getId(),
                    null, trigger.facts().get(Trigger.PREVIOUS_EMAIL), locale(realm, user), sourceId, payload, now);
            // To the address the account has now: the one a thief would take away.
            case EMAIL_CHANGE_REQUESTED -> Outbox.enqueue(session, config.coalescing, realm.getId(), kind, user.getId(),
                    user.getId(), user.getEmail(), locale(realm, user), sourceId, payload, now);
            case ROLE_GRANTED -> {
                if (settings.enabled(NotificationKind.ROLE_GRANTED)) {
                    toUser(realm, user, kind, sourceId, payload, now);
                }
                if (settings.enabled(NotificationKind.ROLE_GRANTED_ADMIN)) {
                    toRecipientRoles(realm, settings, user, NotificationKind.ROLE_GRANTED_ADMIN, sourceId, adminPayload, now);
                }
            }
            default -> toUser(realm, user, kind, sourceId, payload, now);
        }
        wakeWorkerAfterCommit();
    }

    private void toUser(RealmModel realm, UserModel user, NotificationKind kind, String sourceId,
                        Map<String, String> payload, long now) {
        if (!reachable(user)) {
            LOG.log(System.Logger.Level.DEBUG, "No notification for user {0}: no verified email", user.getId());
            return;
        }
        Outbox.enqueue(session, config.coalescing, realm.getId(), kind, user.getId(), user.getId(), user.getEmail(),
                locale(realm, user), sourceId, payload, now);
    }

    private void toRecipientRoles(RealmModel realm, RealmNotifySettings settings, UserModel subject, NotificationKind kind,
                                  String sourceId, Map<String, String> payload, long now) {
        recipientsByRole(realm, settings, subject).forEach(admin -> Outbox.enqueue(session, config.coalescing,
                realm.getId(), kind, subject.getId(), admin.getId(), admin.getEmail(), locale(realm, admin), sourceId,
                payload, now));
    }

    /**
     * What the event means once the model is asked: the notice's kind (null for none) and the facts it needs in
     * {@code payload}; the raw ids the event carried are replaced by names.
     */
    private NotificationKind resolve(RealmModel realm, RealmNotifySettings settings, UserModel user, NotificationKind kind,
                                     Map<String, String> payload) {
        switch (kind) {
            case ROLE_GRANTED -> {
                String roles = PrivilegedGrants.newlyHeld(session, realm, user, settings.privilegedRoles,
                        payload.remove(Trigger.GRANTED_ROLE_IDS), payload.remove(Trigger.JOINED_GROUP_ID), payload);
                if (roles.isEmpty()) {
                    return null;
                }
                payload.put(Trigger.ROLES, Subjects.oneLine(roles, MAX_VALUE));
                return kind;
            }
            case RECOVERY_CODE_USED -> {
                Integer left = RecoveryCodes.remainingAfterUse(user).orElse(null);
                if (left == null) {
                    return null; // codes set up during this sign-in, none used
                }
                payload.put(Trigger.CODES_LEFT, Integer.toString(left));
                return RecoveryCodes.few(left, RecoveryCodes.warningThreshold(realm)) ? NotificationKind.RECOVERY_CODES_LOW : kind;
            }
            case EMAIL_CHANGE_REQUESTED -> {
                // The same event reports a plain verification of the current address: not a change.
                String requested = payload.remove(Trigger.UPDATED_EMAIL);
                String current = user.getEmail();
                return current == null || current.isBlank() || requested == null
                        || requested.strip().equalsIgnoreCase(current.strip()) ? null : kind;
            }
            default -> {
                return kind;
            }
        }
    }

    /**
     * Keycloak 26.7's UPDATE_CREDENTIAL from the OTP and WebAuthn setup carries neither the label nor the credential id
     * (keycloak#50247), so the credential just added is the user's newest of that type.
     */
    private static Optional<String> newestLabel(UserModel user, String type) {
        if (type == null) {
            return Optional.empty();
        }
        return user.credentialManager().getStoredCredentialsByTypeStream(type)
                .filter(c -> c.getCreatedDate() != null)
                .max(Comparator.comparing(CredentialModel::getCreatedDate))
                .map(CredentialModel::getUserLabel)
                .filter(label -> !label.isBlank())
                .map(label -> Subjects.oneLine(label, MAX_VALUE));
    }

    /**
     * Holders of the recipient roles with a verified email, never the user the notice is about: directly, through a
     * composite realm role, through a group or a parent group (Keycloak's own {@code hasRole} decides).
     */
    private Set<UserModel> recipientsByRole(RealmModel realm, RealmNotifySettings settings, UserModel subject) {
        Set<UserModel> recipients = new LinkedHashSet<>();
        for (String roleName : settings.recipientRoles) {
            RoleModel role = realm.getRole(roleName);
            if (role == null) {
                continue;
            }
            Set<UserModel> candidates = new LinkedHashSet<>();
            realm.getRolesStream().filter(r -> r.hasRole(role)).forEach(r ->
                    session.users().getRoleMembersStream(realm, r).forEach(candidates::add));
            PrivilegedGrants.allGroups(realm).filter(group -> group.hasRole(role)).forEach(group ->
                    session.users().getGroupMembersStream(realm, group).forEach(candidates::add));
            candidates.stream().filter(u -> u.hasRole(role)).forEach(recipients::add);
        }
        return recipients.stream()
                .filter(u -> !u.getId().equals(subject.getId()) && u.isEnabled() && reachable(u))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    // Like Keycloak's own email listener: only addresses the user has proven to own.
    private static boolean reachable(UserModel user) {
        return user.getEmail() != null && !user.getEmail().isBlank() && user.isEmailVerified();
    }

    private static String locale(RealmModel realm, UserModel user) {
        return Locales.choose(user.getFirstAttribute(UserModel.LOCALE), realm.isInternationalizationEnabled(),
                realm.getSupportedLocalesStream().collect(Collectors.toSet()), realm.getDefaultLocale());
    }

    private static String displayName(UserModel user) {
        String first = user.getFirstName() == null ? "" : user.getFirstName();
        String last = user.getLastName() == null ? "" : user.getLastName();
        String name = (first + " " + last).strip();
        return name.isEmpty() ? user.getUsername() : name;
    }

    private String actorName(String realmId, String userId) {
        if (realmId == null || userId == null) {
            return null;
        }
        RealmModel realm = session.realms().getRealm(realmId);
        UserModel actor = realm == null ? null : session.users().getUserById(realm, userId);
        return actor == null ? null : actor.getUsername();
    }

    private String clientName(String realmId, String clientUuid) {
        if (realmId == null || clientUuid == null) {
            return clientUuid;
        }
        RealmModel realm = session.realms().getRealm(realmId);
        return Optional.ofNullable(realm == null ? null : realm.getClientById(clientUuid))
                .map(ClientModel::getClientId).orElse(clientUuid);
    }

    private String userAgent() {
        try {
            return session.getContext().getRequestHeaders().getHeaderString("User-Agent");
        } catch (RuntimeException noRequest) {
            return null; // e.g. an event raised by a background task
        }
    }

    /** Where the user reaches this server; the worker has no request to ask when it builds the mail's link. */
    private Optional<String> frontendBase() {
        try {
            return Optional.of(session.getContext().getUri(UrlType.FRONTEND).getBaseUri().toString());
        } catch (RuntimeException noRequest) {
            return Optional.empty(); // no request, hence no link in that mail
        }
    }

    private void wakeWorkerAfterCommit() {
        if (wakeEnlisted) {
            return;
        }
        wakeEnlisted = true;
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                worker.wakeUp();
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    @Override
    public void close() {
    }
}
