package io.kse.keycloak.it.notify;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.keycloak.testframework.mail.MailServer;

/** The mails GreenMail received, by recipient, waited for without sleeping longer than needed. */
final class Inbox {

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
