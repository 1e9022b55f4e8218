package io.kse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SMTP sink whose greeting comes only after {@code delayMillis}: a slow mail server as seen from Keycloak,
 * which cannot send anything before the greeting. It accepts every message and only counts them.
 */
final class SlowSmtp implements AutoCloseable {

    private final ServerSocket socket;
    private final long delayMillis;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "slow-smtp");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong accepted = new AtomicLong();

    SlowSmtp(int port, long delayMillis) throws IOException {
        this.socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        this.delayMillis = delayMillis;
        connections.execute(this::acceptLoop);
    }

    long accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.execute(() -> converse(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
             OutputStream out = client.getOutputStream()) {
            Thread.sleep(delayMillis);
            reply(out, "220 bench.localhost slow SMTP sink");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 bench.localhost");
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        String data;
                        while ((data = in.readLine()) != null && !data.equals(".")) {
                            // discarded
                        }
                        accepted.incrementAndGet();
                        reply(out, "250 accepted");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        } catch (IOException | InterruptedException ignored) {
            // connection closed by the client
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        connections.shutdownNow();
    }
}
