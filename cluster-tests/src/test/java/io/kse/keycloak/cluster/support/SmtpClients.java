package io.kse.keycloak.cluster.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which processes hold a TCP connection to a local port: {@code ss -tnp} (iproute2). */
public final class SmtpClients {

    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private SmtpClients() {
    }

    public static Set<Long> pidsConnectedTo(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-Htnp", "state", "established", "dst", "127.0.0.1:" + port)
                    .redirectErrorStream(true).start();
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ss.waitFor(10, TimeUnit.SECONDS);
            Set<Long> pids = new HashSet<>();
            Matcher matcher = PID.matcher(out);
            while (matcher.find()) {
                pids.add(Long.parseLong(matcher.group(1)));
            }
            return pids;
        } catch (IOException e) {
            throw new IllegalStateException("ss (iproute2) is needed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
    }
}
