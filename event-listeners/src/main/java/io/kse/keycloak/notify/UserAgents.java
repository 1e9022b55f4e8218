package io.kse.keycloak.notify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Browser and operating system, as a person would name them, from a User-Agent header. Deliberately coarse (family and
 * major version): the mail helps the user recognise their own device, it is not a fingerprint. Unknown agents, e.g.
 * API clients, are reported by their product token.
 */
final class UserAgents {

    static final String UNKNOWN = "unknown";
    private static final int MAX_AGENT_LENGTH = 512;
    /** Version numbers are unbounded digit runs in the header: the description is cut, so a mail line stays short. */
    static final int MAX_DESCRIPTION_LENGTH = 80;

    // Order matters: Edge and Opera also claim Chrome; Chrome also claims Safari.
    private static final Object[][] BROWSERS = {
            {"Edge", Pattern.compile("Edg(?:e|A|iOS)?/(\\d+)")},
            {"Opera", Pattern.compile("OPR/(\\d+)")},
            {"Samsung Internet", Pattern.compile("SamsungBrowser/(\\d+)")},
            {"Firefox", Pattern.compile("(?:Firefox|FxiOS)/(\\d+)")},
            {"Chrome", Pattern.compile("(?:Chrome|CriOS)/(\\d+)")},
            {"Safari", Pattern.compile("Version/(\\d+)[.\\d]* (?:Mobile/\\S+ )?Safari/")},
    };
    private static final Pattern PRODUCT = Pattern.compile("^([A-Za-z][\\w.-]{0,40})(?:/([\\w.-]{1,20}))?");
    private static final Pattern ANDROID = Pattern.compile("Android (\\d+)");
    private static final Pattern IOS = Pattern.compile("(?:iPhone|CPU) OS (\\d+)");
    private static final Pattern MAC = Pattern.compile("Mac OS X (\\d+)[_.](\\d+)");

    private UserAgents() {
    }

    /** E.g. "Firefox 128 on Windows", "Safari 17 on iOS 17", "curl/8.5.0", or "unknown". */
    static String describe(String userAgent) {
        String described = name(userAgent);
        return described.length() > MAX_DESCRIPTION_LENGTH ? described.substring(0, MAX_DESCRIPTION_LENGTH) : described;
    }

    private static String name(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        String agent = userAgent.length() > MAX_AGENT_LENGTH ? userAgent.substring(0, MAX_AGENT_LENGTH) : userAgent;
        String browser = browser(agent);
        String os = os(agent);
        if (browser == null && os == null) {
            Matcher product = PRODUCT.matcher(agent.strip());
            if (product.find() && !"Mozilla".equals(product.group(1))) {
                return product.group(2) == null ? product.group(1) : product.group(1) + "/" + product.group(2);
            }
            return UNKNOWN;
        }
        if (browser == null) {
            return os;
        }
        return os == null ? browser : browser + " on " + os;
    }

    private static String browser(String agent) {
        for (Object[] candidate : BROWSERS) {
            Matcher matcher = ((Pattern) candidate[1]).matcher(agent);
            if (matcher.find()) {
                return candidate[0] + " " + matcher.group(1);
            }
        }
        return null;
    }

    private static String os(String agent) {
        Matcher android = ANDROID.matcher(agent);
        if (android.find()) {
            return "Android " + android.group(1);
        }
        Matcher ios = IOS.matcher(agent);
        if (agent.contains("iPhone") || agent.contains("iPad")) {
            return ios.find() ? "iOS " + ios.group(1) : "iOS";
        }
        if (agent.contains("Windows")) {
            return "Windows";
        }
        if (agent.contains("CrOS")) {
            return "ChromeOS";
        }
        Matcher mac = MAC.matcher(agent);
        if (mac.find()) {
            return "macOS";
        }
        if (agent.contains("Linux")) {
            return "Linux";
        }
        return null;
    }
}
