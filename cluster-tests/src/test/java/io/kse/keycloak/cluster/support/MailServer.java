package io.kse.keycloak.cluster.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The realms' SMTP server: GreenMail in the test JVM on one fixed port, which the fault tests stop (connection
 * refused) or replace by a stalling server that accepts connections and never answers (so a node's worker sits in
 * SMTP holding its lease), then start again. Mails received by earlier GreenMail instances are kept.
 */
public final class MailServer {

    private final int port;
    private final List<String> deliveredTo = new CopyOnWriteArrayList<>();
    private final List<Socket> stalled = new CopyOnWriteArrayList<>();
    private GreenMail greenMail;
    private ServerSocket staller;

    MailServer() {
        this.port = Ports.free();
    }

    public int port() {
        return port;
    }

    public synchronized void start() {
        if (greenMail != null) {
            return;
        }
        stopStalling();
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(10_000);
        greenMail = new GreenMail(setup);
        greenMail.start();
    }

    /** Really down: nothing listens on the port (mails received so far are kept for counting). */
    public synchronized void stop() {
        if (greenMail != null) {
            harvest();
            greenMail.stop();
            greenMail = null;
        }
        stopStalling();
    }

    /** Stopped, and a server that accepts every connection but never sends the greeting takes its port. */
    public synchronized void stall() {
        stop();
        try {
            staller = new ServerSocket();
            staller.setReuseAddress(true);
            staller.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new IllegalStateException("cannot take the SMTP port", e);
        }
        ServerSocket server = staller;
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    stalled.add(server.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "smtp-staller");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Connections the stalling server holds open right now. */
    public int stalledConnections() {
        return (int) stalled.stream().filter(s -> !s.isClosed()).count();
    }

    private void stopStalling() {
        if (staller != null) {
            try {
                staller.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            staller = null;
        }
        for (Socket socket : stalled) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        stalled.clear();
    }

    /** Every recipient address of every mail received since the test run began, once per mail. */
    public synchronized List<String> recipients() {
        List<String> all = new ArrayList<>(deliveredTo);
        if (greenMail != null) {
            all.addAll(recipientsOf(greenMail.getReceivedMessages()));
        }
        return all;
    }

    /** Mails per recipient address, for the given addresses only (absent = 0). */
    public Map<String, Integer> countsFor(List<String> addresses) {
        Map<String, Integer> counts = new TreeMap<>();
        addresses.forEach(a -> counts.put(a.toLowerCase(), 0));
        for (String recipient : recipients()) {
            counts.computeIfPresent(recipient.toLowerCase(), (k, v) -> v + 1);
        }
        return counts;
    }

    private void harvest() {
        deliveredTo.addAll(recipientsOf(greenMail.getReceivedMessages()));
    }

    private static List<String> recipientsOf(MimeMessage[] messages) {
        List<String> result = new ArrayList<>();
        for (MimeMessage message : messages) {
            try {
                Address[] to = message.getRecipients(MimeMessage.RecipientType.TO);
                if (to != null) {
                    for (Address address : to) {
                        result.add(address.toString());
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return result;
    }

    synchronized void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            System.err.println("could not stop GreenMail: " + e.getMessage());
        }
    }
}
