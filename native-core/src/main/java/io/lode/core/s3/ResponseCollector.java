package io.lode.core.s3;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.crt.CRT;
import software.amazon.awssdk.crt.http.HttpHeader;
import software.amazon.awssdk.crt.s3.S3FinishedResponseContext;
import software.amazon.awssdk.crt.s3.S3MetaRequestResponseHandler;

/**
 * Gathers one meta request's headers and body and completes {@link #result} when the CRT reports
 * the request finished. Callbacks run on CRT event-loop threads: they only copy and never block.
 */
final class ResponseCollector implements S3MetaRequestResponseHandler {
    static final long MAX_BODY = Integer.MAX_VALUE - 8;

    final CompletableFuture<S3Response> result = new CompletableFuture<>();
    /** Completes when the CRT is done with the request, whatever {@link #result} says. */
    final CompletableFuture<Void> finished = new CompletableFuture<>();

    private final String operation;
    private final long maxExpected;
    private final Map<String, String> headers = new HashMap<>();
    private int status;
    private byte[] body = new byte[0];
    private int length;
    private boolean tooLarge;

    /**
     * @param operation the S3 operation, for messages
     * @param maxExpected an upper bound on the body length if the caller knows one (a range),
     *     else {@code Long.MAX_VALUE}
     */
    ResponseCollector(String operation, long maxExpected) {
        this.operation = operation;
        this.maxExpected = maxExpected;
    }

    @Override
    public synchronized void onResponseHeaders(int statusCode, HttpHeader[] received) {
        status = statusCode;
        for (HttpHeader h : received) {
            headers.put(h.getName().toLowerCase(Locale.ROOT), h.getValue());
        }
        if (length == 0 && statusCode / 100 == 2) {
            // Size the body once: parallel part GETs report the object's size in Content-Range.
            long expected;
            try {
                expected = Math.min(maxExpected, new S3Response(statusCode, headers, body).objectSize());
            } catch (NumberFormatException e) {
                expected = 0;
            }
            if (expected > MAX_BODY) {
                tooLarge = true;
            } else if (expected > body.length) {
                body = new byte[(int) expected];
            }
        }
    }

    @Override
    public synchronized int onResponseBody(ByteBuffer data, long rangeStart, long rangeEnd) {
        int n = data.remaining();
        if (tooLarge || (long) length + n > MAX_BODY) {
            tooLarge = true;
            return 0;
        }
        if (length + n > body.length) {
            body = Arrays.copyOf(body, (int) Math.min(MAX_BODY, Math.max(length + n, 2L * body.length)));
        }
        data.get(body, length, n);
        length += n;
        return 0;
    }

    @Override
    public void onFinished(S3FinishedResponseContext context) {
        try {
            synchronized (this) {
                complete(context);
            }
        } finally {
            finished.complete(null);
        }
    }

    private void complete(S3FinishedResponseContext context) {
        int st = context.getResponseStatus() != 0 ? context.getResponseStatus() : status;
        String op = context.getErrorOperationName() != null && !context.getErrorOperationName().isEmpty()
                ? context.getErrorOperationName() : operation;
        int crtError = context.getErrorCode();
        if (crtError == 0) {
            if (tooLarge) {
                result.completeExceptionally(new S3Exception(st, "ObjectTooLarge", op,
                        "the object is larger than one array (2 GiB); read it in ranges", false, null));
            } else {
                result.complete(new S3Response(st, Map.copyOf(headers), length == body.length ? body : Arrays.copyOf(body, length)));
            }
            return;
        }
        if (st != 0) {
            String[] codeAndMessage = S3Xml.error(context.getErrorPayload());
            String code = codeAndMessage[0].isEmpty() ? "HTTP" + st : codeAndMessage[0];
            String message = "S3 " + op + " failed with HTTP " + st + " " + code
                    + (codeAndMessage[1].isEmpty() ? "" : ": " + codeAndMessage[1]);
            result.completeExceptionally(new S3Exception(st, code, op, message, retryable(st, code), null));
        } else {
            String name = CRT.awsErrorName(crtError);
            result.completeExceptionally(new S3Exception(0, name, op, "S3 " + op + " got no answer: " + name
                    + " (" + CRT.awsErrorString(crtError) + ")", true, context.getCause()));
        }
    }

    static boolean retryable(int status, String code) {
        return status >= 500 || status == 429 || "ConditionalRequestConflict".equals(code)
                || "SlowDown".equals(code) || "RequestTimeout".equals(code);
    }
}
