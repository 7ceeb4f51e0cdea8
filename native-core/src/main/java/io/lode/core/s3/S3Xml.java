package io.lode.core.s3;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** The XML S3 answers with: ListObjectsV2 results and error documents, read with StAX. */
final class S3Xml {
    private static final XMLInputFactory FACTORY = newFactory();

    private S3Xml() {}

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        // Responses come from a server we talk to, but never let XML reach outside the document.
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }

    /** The {@code Code} and {@code Message} of an error document; empty strings where absent. */
    static String[] error(byte[] xml) {
        String[] codeAndMessage = {"", ""};
        if (xml == null || xml.length == 0) {
            return codeAndMessage;
        }
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "Code" -> codeAndMessage[0] = r.getElementText();
                        case "Message" -> codeAndMessage[1] = r.getElementText();
                        default -> { }
                    }
                }
            }
        } catch (XMLStreamException e) {
            codeAndMessage[1] = new String(xml, StandardCharsets.UTF_8);
        }
        return codeAndMessage;
    }

    /** A ListObjectsV2 result requested with {@code encoding-type=url}. */
    static ListPage listPage(byte[] xml) {
        List<ListPage.Entry> entries = new ArrayList<>();
        String next = null;
        boolean truncated = false;
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            String key = null;
            long size = 0;
            Instant modified = Instant.EPOCH;
            boolean urlEncoded = false;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "Contents" -> {
                            key = null;
                            size = 0;
                            modified = Instant.EPOCH;
                        }
                        case "Key" -> key = r.getElementText();
                        case "Size" -> size = Long.parseLong(r.getElementText().trim());
                        case "LastModified" -> modified = instant(r.getElementText());
                        case "IsTruncated" -> truncated = Boolean.parseBoolean(r.getElementText().trim());
                        case "NextContinuationToken" -> next = r.getElementText();
                        case "EncodingType" -> urlEncoded = "url".equalsIgnoreCase(r.getElementText().trim());
                        default -> { }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("Contents")) {
                    entries.add(new ListPage.Entry(key, size, modified));
                }
            }
            if (urlEncoded) {
                entries.replaceAll(e -> new ListPage.Entry(URLDecoder.decode(e.key(), StandardCharsets.UTF_8), e.size(), e.lastModified()));
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new S3Exception(200, "MalformedListResponse", "ListObjectsV2",
                    "the ListObjectsV2 response could not be read: " + e.getMessage(), false, e);
        }
        if (truncated && next == null) {
            throw new S3Exception(200, "MalformedListResponse", "ListObjectsV2",
                    "the ListObjectsV2 response is truncated but has no NextContinuationToken", false, null);
        }
        return new ListPage(List.copyOf(entries), truncated ? next : null);
    }

    private static Instant instant(String s) {
        try {
            return Instant.parse(s.trim());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
