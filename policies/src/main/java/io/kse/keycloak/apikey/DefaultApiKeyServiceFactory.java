package io.kse.keycloak.apikey;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import io.kse.keycloak.apikey.jpa.ApiKeyStore;
import io.kse.keycloak.apikey.maintenance.ApiKeyMaintenance;
import io.kse.keycloak.common.BundleInfo;
import io.kse.keycloak.common.KseProviderFactory;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Reads the server-wide options ({@link ApiKeyServerSettings}; e.g. {@code --spi-kse-api-keys--default--pepper}, or
 * {@code KC_SPI_KSE_API_KEYS__DEFAULT__PEPPER}: at least 32 characters, changing it invalidates every key), removes
 * the keys of deleted users and realms and schedules the maintenance pass (reminders, expiry notices, clean-up).
 */
public final class DefaultApiKeyServiceFactory implements ApiKeyServiceFactory, KseProviderFactory<ApiKeyService> {

    public static final String PROVIDER_ID = "default";
    public static final String PEPPER = ApiKeyServerSettings.PEPPER;

    // System.Logger: the server routes it into its own logging; no logging library needed at compile time.
    private static final System.Logger LOG = System.getLogger(DefaultApiKeyServiceFactory.class.getName());

    private SecretHasher hasher;
    private ApiKeyFormat format;
    private ApiKeyServerSettings settings;

    @Override
    public ApiKeyService create(KeycloakSession session) {
        return new ApiKeyService(session, hasher, format, settings);
    }

    @Override
    public void init(Config.Scope config) {
        settings = new ApiKeyServerSettings(config::get);
        hasher = new SecretHasher(settings.pepper());
        format = new ApiKeyFormat(new SecureRandom());
        if (!hasher.isPeppered()) {
            LOG.log(System.Logger.Level.WARNING, "API keys are hashed without a pepper; set spi-kse-api-keys--default--pepper for defence in depth");
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Keys of a deleted user or realm go with it (a deleted user's keys are refused anyway: the owner is gone).
        factory.register(event -> {
            if (event instanceof UserModel.UserRemovedEvent removed) {
                store(removed.getKeycloakSession()).deleteByUser(removed.getRealm().getId(), removed.getUser().getId());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                store(removed.getKeycloakSession()).deleteByRealm(removed.getRealm().getId());
            }
        });
        ApiKeyMaintenance.schedule(factory, settings.maintenanceInterval());
    }

    private static ApiKeyStore store(KeycloakSession session) {
        return new ApiKeyStore(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(PEPPER)
                .type(ProviderConfigProperty.PASSWORD)
                .secret(true)
                .helpText("Server-side secret (at least " + SecretHasher.MIN_PEPPER_LENGTH
                        + " characters) mixed into every API-key hash; changing it invalidates all keys.")
                .add()
                .property()
                .name(ApiKeyServerSettings.MAINTENANCE_INTERVAL_MINUTES)
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(ApiKeyServerSettings.DEFAULT_INTERVAL_MINUTES)
                .helpText("Minutes between two passes of the expiry-reminder and clean-up job (one node per pass).")
                .add()
                .property()
                .name(ApiKeyServerSettings.FAILURE_WINDOW_SECONDS)
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(ApiKeyServerSettings.DEFAULT_WINDOW_SECONDS)
                .helpText("Length of the window in which failed key uses are counted.")
                .add()
                .property()
                .name(ApiKeyServerSettings.FAILURE_LIMIT_PER_KEY)
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(ApiKeyServerSettings.DEFAULT_LIMIT_PER_KEY)
                .helpText("Wrong secrets for one key id from one client address per window before that pair is refused.")
                .add()
                .property()
                .name(ApiKeyServerSettings.FAILURE_LIMIT_PER_IP)
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(ApiKeyServerSettings.DEFAULT_LIMIT_PER_IP)
                .helpText("Failed key uses (wrong, unknown or malformed keys) from one client address per window before"
                        + " that address is refused.")
                .add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = BundleInfo.operationalInfo();
        info.put("key-format", ApiKeyFormat.PREFIX + "<id " + ApiKeyFormat.KEY_ID_LENGTH + "><secret "
                + ApiKeyFormat.SECRET_LENGTH + "><crc32 base62>");
        info.put("hash", hasher != null && hasher.isPeppered() ? "HMAC-SHA-256 with pepper" : "HMAC-SHA-256 without pepper");
        if (settings != null) {
            info.put("maintenance-interval", settings.maintenanceInterval().toString());
            info.put("failure-limits", settings.failureLimitPerKey() + " per key and address, "
                    + settings.failureLimitPerIp() + " per address, per " + settings.failureWindow().toSeconds() + " s");
        }
        return info;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
