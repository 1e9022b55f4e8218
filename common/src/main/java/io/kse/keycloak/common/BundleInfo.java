package io.kse.keycloak.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every provider of the bundle reports in the admin console's "Provider info" and in server info, so that
 * operators and tests can prove which bundle version is deployed.
 */
public final class BundleInfo {

    /** Name of the deployable, as in {@code keycloak-security-essentials-<version>.jar}. */
    public static final String BUNDLE_NAME = "keycloak-security-essentials";

    /** Key of the version entry in every provider's operational info. */
    public static final String VERSION_KEY = "bundle-version";

    private static final String UNPACKAGED = "development";

    private BundleInfo() {
    }

    /** The bundle version from the jar manifest; classes loaded from a directory report "development". */
    public static String version() {
        String version = BundleInfo.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? UNPACKAGED : version;
    }

    /** Operational info with the bundle version, to which a provider may add its effective settings. */
    public static Map<String, String> operationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("bundle", BUNDLE_NAME);
        info.put(VERSION_KEY, version());
        return info;
    }
}
