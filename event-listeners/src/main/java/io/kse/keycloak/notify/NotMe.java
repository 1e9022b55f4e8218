package io.kse.keycloak.notify;

/** Names shared by the "this wasn't me" link, its page, its event and the notices around it. */
final class NotMe {

    /** Action id in the token ({@code typ}) and id of the action-token handler. */
    static final String ACTION_ID = "kse-not-me";
    /** Login template of the confirmation and result page. */
    static final String TEMPLATE = "kse-not-me.ftl";
    /** Template bean with the page's state and form target. */
    static final String BEAN = "kseNotMe";

    /** Event details of the report (type CUSTOM_REQUIRED_ACTION). */
    static final String DETAIL_ACTION = "kse_action";
    static final String ACTION_VALUE = "not-me";
    static final String DETAIL_NOTIFICATION = "kse_notification_id";
    static final String DETAIL_SESSIONS = "kse_sessions_ended";
    static final String DETAIL_OFFLINE_SESSIONS = "kse_offline_sessions_ended";
    static final String DETAIL_API_KEYS = "kse_api_keys_revoked";
    static final String DETAIL_REQUIRED_ACTIONS = "kse_required_actions";

    /** Payload key: the frontend base URI of the request that caused a notice, for the link in its mail. */
    static final String PAYLOAD_LINK_BASE = "linkBase";

    /** Login-theme messages of refusals and results. */
    static final String MSG_INVALID = "kse-not-me-invalid";
    static final String MSG_USED = "kse-not-me-used";

    private NotMe() {
    }
}
