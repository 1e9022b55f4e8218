package io.kse.keycloak.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.keycloak.testframework.mail.MailServer;

/** The mails GreenMail received, by recipient, waited for without sleeping longer than needed. */
final class Inbox {

    /** How long a mail may take through the outbox and its worker. */
    static final long DELIVERY_TIMEOUT = 20_000;
    /** After the expected mail arrived: longer than several worker polls (1 s in the test server), for a duplicate to show. */
    static final long QUIET_PERIOD = 4_000;

    private final MailServer mail;

    Inbox(MailServer mail) {
        this.mail = mail;
    }

    /** Waits until at least {@code count} mails to {@code address} arrived (or the timeout passed); returns all of them. */
    List<MimeMessage> await(String address, int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        List<MimeMessage> found = to(address);
        while (found.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            found = to(address);
        }
        return found;
    }

    /** The one mail to {@code address} matching {@code filter}: it arrives, and no second one follows. */
    MimeMessage single(String address, Predicate<MimeMessage> filter) throws InterruptedException {
        long deadline = System.currentTimeMillis() + DELIVERY_TIMEOUT;
        while (to(address).stream().noneMatch(filter) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(QUIET_PERIOD);
        List<MimeMessage> received = to(address).stream().filter(filter).toList();
        assertThat(received).as("mails to %s", address).hasSize(1);
        return received.get(0);
    }

    static Predicate<MimeMessage> subjectContains(String text) {
        return message -> {
            try {
                return message.getSubject() != null && message.getSubject().contains(text);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    List<MimeMessage> to(String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(sentTo(address)).toList();
    }

    private static Predicate<MimeMessage> sentTo(String address) {
        return message -> {
            try {
                Address[] recipients = message.getAllRecipients();
                return recipients != null && Arrays.stream(recipients).anyMatch(r -> r.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
