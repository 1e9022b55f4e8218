package io.kse.keycloak.it.support;

import java.io.IOException;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** Reads parsed MIME messages as a mail client would: by part, decoded. */
public final class Mails {

    private Mails() {
    }

    /** The decoded body of the first part with the given MIME type, e.g. "text/plain" or "text/html". */
    public static String part(Part message, String mimeType) throws MessagingException, IOException {
        if (message.isMimeType(mimeType)) {
            return (String) message.getContent();
        }
        if (message.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) message.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                String found = part(part, mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
